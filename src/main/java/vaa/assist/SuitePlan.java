package vaa.assist;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import vaa.llm.ModelEntry;
import vaa.prompt.Prompt;

/**
 * A suite ready to run: one prompt version and one model over many conversations, each an
 * {@link ExperimentPlan} named {@code <suite>/<conversation>} so that its log and records are
 * {@code experiments/<suite>/<conversation>.txt} and {@code .jsonl}.
 *
 * @param skipped   state files that were selected but could not be read, with the reason
 * @param workers   conversations replayed at once (and model requests in flight per provider)
 * @param cache     answers come from (and go to) the shared cache instead of the suite's own
 * @param resumed   an earlier run of the suite is being continued
 * @param createdAt when the suite was first started (ISO local date-time)
 */
public record SuitePlan(String runName, Prompt prompt, ModelEntry model, List<ExperimentPlan> conversations,
                        List<Skipped> skipped, Duration delay, boolean dryRun, int workers, boolean cache, boolean resumed,
                        String createdAt) implements AssistPlan {
    /** A selected state file left out of the suite, and why. */
    public record Skipped(String state, String reason) {}

    public static final String CACHE = ".cache/llm";

    public SuitePlan {
        conversations = List.copyOf(conversations);
        skipped = List.copyOf(skipped);
    }

    /** The conversation's own name inside the suite (its files' name). */
    public static String memberName(ExperimentPlan conversation) {
        String run = conversation.runName();
        return run.substring(run.indexOf('/') + 1);
    }

    public int steps() {
        return conversations.stream().mapToInt(c -> c.state().steps().size()).sum();
    }

    /** {@code experiments/<suite>/}. */
    public Path dir(Path workspace) {
        return workspace.resolve(ExperimentFiles.DIR).resolve(runName);
    }

    /**
     * Where answers are cached: the shared cache with {@code --cache}, else the suite's own, which a
     * resumed suite reads so that an answer that arrived just before a kill is not paid for twice,
     * and which no other experiment sees, so that a new suite asks the model again.
     */
    public Path cacheDir(Path workspace) {
        return cache ? workspace.resolve(AssistOptions.SHARED_CACHE) : dir(workspace).resolve(CACHE);
    }

    /** "Gemini 3 Flash (Minimal Thinking) (gemini-3-flash-preview)". */
    public String modelDescription() {
        return model.label() + " (" + model.model() + ")";
    }
}
