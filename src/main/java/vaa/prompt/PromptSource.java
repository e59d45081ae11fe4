package vaa.prompt;

/** Where prompts come from: Langfuse, or local files with built-in defaults. */
public interface PromptSource {

    /**
     * The prompt called {@code name}, in the version the selector picks.
     *
     * @throws PromptNotFoundException (exit 2) when there is no such prompt or version
     * @throws vaa.VaaException for every other problem: exit 2 for bad input or rejected keys,
     *     exit 1 when the source could not be reached
     */
    Prompt get(String name, PromptSelector selector);

    /** The prompt in its default version ({@link PromptSelector#production()}). */
    default Prompt get(String name) {
        return get(name, PromptSelector.production());
    }

    /**
     * Where prompts come from, for messages and a run's config.json: {@code "langfuse https://host"}
     * or {@code "local"}. Never contains credentials.
     */
    String describe();

    /**
     * Contacts the source once, so that one that cannot be reached is reported before anything is fetched (the
     * default source then says so and uses local files). Local sources have nothing to check.
     */
    default void probe() {}
}
