package vaa.llm;

import java.util.List;

/**
 * Tokens as characters / 4, plus a few per chat message for its role and separators. No tokenizer
 * matches every provider; for English prose and JSON this errs on the generous side by 10–25%.
 * One rule for every budget vaa keeps before a request is sent: context budgets and rate limits.
 */
public final class TokenEstimate {
    public static final int CHARS_PER_TOKEN = 4;
    public static final int TOKENS_PER_MESSAGE = 4;

    private TokenEstimate() {}

    public static int of(String text) {
        return ofChars(text.length());
    }

    public static int of(List<ChatMessage> messages) {
        long chars = 0;
        for (ChatMessage m : messages) {
            chars += m.content().length();
        }
        return ofChars(chars) + TOKENS_PER_MESSAGE * messages.size();
    }

    public static int ofChars(long chars) {
        return (int) Math.min(Integer.MAX_VALUE, (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN);
    }
}
