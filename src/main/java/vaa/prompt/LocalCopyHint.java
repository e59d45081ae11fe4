package vaa.prompt;

import java.util.Objects;
import java.util.Optional;

/**
 * When Langfuse lacks a prompt that exists locally, says so and how to use the local copy, instead
 * of quietly falling back: a run must not mix up which prompt it used.
 */
final class LocalCopyHint implements PromptSource {
    private final PromptSource remote;
    private final LocalPromptSource local;

    LocalCopyHint(PromptSource remote, LocalPromptSource local) {
        this.remote = Objects.requireNonNull(remote, "remote");
        this.local = Objects.requireNonNull(local, "local");
    }

    @Override
    public Prompt get(String name, PromptSelector selector) {
        try {
            return remote.get(name, selector);
        } catch (PromptNotFoundException e) {
            Optional<String> where = local.locate(name);
            if (where.isEmpty()) {
                throw e;
            }
            String copy = where.get().equals(LocalPromptSource.BUILT_IN) ? "a built-in copy" : where.get();
            throw new PromptNotFoundException(name, e.getMessage() + ". A local copy exists (" + copy
                    + "); use --prompt-source local to use it, or create the prompt in Langfuse");
        }
    }

    @Override
    public void probe() {
        remote.probe();
    }

    @Override
    public String describe() {
        return remote.describe();
    }
}
