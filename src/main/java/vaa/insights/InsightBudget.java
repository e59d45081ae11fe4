package vaa.insights;

import java.util.List;
import java.util.Locale;
import vaa.llm.ChatMessage;
import vaa.llm.ResolvedModel;
import vaa.llm.TokenEstimate;

/**
 * How many prompt tokens one insights request may use, and the estimate it is checked against.
 *
 * <p>Tokens are estimated by {@link TokenEstimate} (characters / 4, plus a few per message). The defaults
 * below leave room for that and for the answer, well inside each model family's context window.
 * The response-format schema some providers count as input is not included; the defaults' headroom covers it.
 */
public record InsightBudget(int tokens, String basis) {
    static final int TOKENS_PER_MESSAGE = TokenEstimate.TOKENS_PER_MESSAGE;
    static final int UNKNOWN_MODEL_TOKENS = 24_000;

    /** Model-id fragment → prompt budget. First match wins, so specific names come before families. */
    private record Rule(String fragment, int tokens, String window) {}

    private static final List<Rule> RULES = List.of(
            new Rule("gemini", 200_000, "1M-token context"),
            new Rule("gpt-4.1", 200_000, "1M-token context"),
            new Rule("gpt-5", 200_000, "400k-token context"),
            new Rule("kimi", 120_000, "256k-token context"),
            new Rule("gpt-4o", 90_000, "128k-token context"),
            new Rule("gpt-oss", 90_000, "128k-token context"),
            new Rule("llama-3", 90_000, "128k-token context"),
            new Rule("glm", 90_000, "128k-token context"));

    /** Local servers often run with a small context (Ollama's default is a few thousand tokens). */
    static final int LOCAL_TOKENS = 3_000;

    public InsightBudget {
        if (tokens < 1) {
            throw vaa.VaaException.usage("--context-budget must be a positive number of tokens, got " + tokens);
        }
    }

    public static InsightBudget forModel(ResolvedModel model, Integer override) {
        if (override != null) {
            return new InsightBudget(override, "--context-budget");
        }
        if ("ollama".equals(model.provider())) {
            return new InsightBudget(LOCAL_TOKENS, "default for local Ollama models");
        }
        String id = model.model().toLowerCase(Locale.ROOT);
        for (Rule r : RULES) {
            if (id.contains(r.fragment())) {
                return new InsightBudget(r.tokens(), "default for " + r.fragment() + " models (" + r.window() + ")");
            }
        }
        return new InsightBudget(UNKNOWN_MODEL_TOKENS, "default for models of unknown context size");
    }

    public static int estimate(String text) {
        return TokenEstimate.of(text);
    }

    public static int estimate(List<ChatMessage> messages) {
        return TokenEstimate.of(messages);
    }

    public boolean fits(int estimatedTokens) {
        return estimatedTokens <= tokens;
    }
}
