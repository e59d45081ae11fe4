package vaa.ask;

import vaa.VaaException;
import vaa.prompt.PromptSelector;
import vaa.prompt.PromptSources;

/**
 * How questions are answered: how many calls ({@code top}), the token budget for the context, the
 * model (null: the catalog's default, see {@link AskEngine}), the prompt, and whether a cached
 * answer to the very same prompt may be reused.
 */
public record AskOptions(int top, int budgetTokens, String modelKey, String promptName, String promptLabel,
                         Integer promptVersion, String promptSource, boolean noCache) {
    public static final int DEFAULT_TOP = 8;
    public static final int MAX_TOP = 200;
    public static final int DEFAULT_BUDGET = 8_000;
    /** Room for the metrics and at least one call's notes. */
    public static final int MIN_BUDGET = 1_000;
    public static final String DEFAULT_PROMPT = "ask";

    public AskOptions {
        if (top < 1 || top > MAX_TOP) {
            throw VaaException.usage("--top must be between 1 and " + MAX_TOP + ", got " + top);
        }
        if (budgetTokens < MIN_BUDGET) {
            throw VaaException.usage("--budget must be at least " + MIN_BUDGET + " tokens, got " + budgetTokens);
        }
        PromptSelector.of(promptLabel, promptVersion);
        PromptSources.Mode.parse(promptSource);
    }

    public static AskOptions defaults() {
        return new AskOptions(DEFAULT_TOP, DEFAULT_BUDGET, null, null, null, null, null, false);
    }

    public AskOptions withModel(String key) {
        return new AskOptions(top, budgetTokens, key, promptName, promptLabel, promptVersion, promptSource, noCache);
    }

    public AskOptions withTop(int k) {
        return new AskOptions(k, budgetTokens, modelKey, promptName, promptLabel, promptVersion, promptSource, noCache);
    }
}
