package vaa.assist;

import java.time.Duration;
import java.util.List;
import vaa.VaaException;
import vaa.prompt.PromptSelector;
import vaa.prompt.PromptSources;

/**
 * The choices given as flags; a null field is asked for (interactive, without --yes) or defaulted/refused.
 *
 * @param cache reuse cached model answers; off by default, since re-running an experiment is meant to ask the model again
 * @param suite what makes the run a suite of conversations (nothing, for seed 002's single replay)
 */
public record AssistOptions(String prompt, String promptLabel, Integer promptVersion, PromptSources.Mode promptSource,
                            String model, String state, String runName, boolean yes, Duration delay, boolean dryRun,
                            boolean cache, SuiteFlags suite) {
    public static final String DEFAULT_PROMPT = "elg_b2c_objection_assist";
    public static final Duration DEFAULT_DELAY = Duration.ofMillis(500);
    /** The response cache {@code --cache} shares between experiments, relative to the workspace. */
    public static final String SHARED_CACHE = ".vaa/cache/llm";

    public AssistOptions {
        promptSource = promptSource == null ? PromptSources.Mode.AUTO : promptSource;
        delay = delay == null ? DEFAULT_DELAY : delay;
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        suite = suite == null ? SuiteFlags.NONE : suite;
    }

    /**
     * {@code --all}, {@code --states GLOB...}, {@code --workers W}, {@code --resume SUITE}.
     *
     * @param workers null when not given: 4 for a new suite, the suite's own number when resuming
     */
    public record SuiteFlags(boolean all, List<String> states, Integer workers, String resume) {
        public static final int DEFAULT_WORKERS = 4;
        public static final SuiteFlags NONE = new SuiteFlags(false, List.of(), null, null);

        public SuiteFlags {
            states = states == null ? List.of() : List.copyOf(states);
            if (workers != null && workers < 1) {
                throw VaaException.usage("--workers must be at least 1, got " + workers);
            }
        }

        /** Whether the flags choose the conversations of a new suite. */
        public boolean selects() {
            return all || !states.isEmpty();
        }
    }

    /** Everything asked or defaulted; what a plain {@code vaa assist} starts from. */
    public static AssistOptions none() {
        return new AssistOptions(null, null, null, PromptSources.Mode.AUTO, null, null, null, false, DEFAULT_DELAY, false, false,
                SuiteFlags.NONE);
    }

    /** {@code --delay SECONDS} as a duration; between 0 and an hour. */
    public static Duration delay(double seconds) {
        if (Double.isNaN(seconds) || seconds < 0 || seconds > 3600) {
            throw VaaException.usage("--delay must be between 0 and 3600 seconds, got " + seconds);
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    public PromptSelector selector() {
        return PromptSelector.of(promptLabel, promptVersion);
    }

    public AssistOptions withPrompt(String name) {
        return new AssistOptions(name, promptLabel, promptVersion, promptSource, model, state, runName, yes, delay, dryRun, cache, suite);
    }

    public AssistOptions withState(String path) {
        return new AssistOptions(prompt, promptLabel, promptVersion, promptSource, model, path, runName, yes, delay, dryRun, cache, suite);
    }

    public AssistOptions withRunName(String name) {
        return new AssistOptions(prompt, promptLabel, promptVersion, promptSource, model, state, name, yes, delay, dryRun, cache, suite);
    }

    public AssistOptions withYes(boolean y) {
        return new AssistOptions(prompt, promptLabel, promptVersion, promptSource, model, state, runName, y, delay, dryRun, cache, suite);
    }

    public AssistOptions withModel(String key) {
        return new AssistOptions(prompt, promptLabel, promptVersion, promptSource, key, state, runName, yes, delay, dryRun, cache, suite);
    }

    public AssistOptions withDelay(Duration d) {
        return new AssistOptions(prompt, promptLabel, promptVersion, promptSource, model, state, runName, yes, d, dryRun, cache, suite);
    }

    public AssistOptions withSuite(SuiteFlags flags) {
        return new AssistOptions(prompt, promptLabel, promptVersion, promptSource, model, state, runName, yes, delay, dryRun, cache, flags);
    }

    public AssistOptions withDryRun(boolean dry) {
        return new AssistOptions(prompt, promptLabel, promptVersion, promptSource, model, state, runName, yes, delay, dry, cache, suite);
    }
}
