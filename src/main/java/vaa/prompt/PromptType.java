package vaa.prompt;

import java.util.Locale;
import java.util.Optional;

/** The two prompt shapes Langfuse knows; {@link #wireName()} is the spelling in its JSON. */
public enum PromptType {
    CHAT("chat"),
    TEXT("text");

    private final String wireName;

    PromptType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<PromptType> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        for (PromptType t : values()) {
            if (t.wireName.equals(v)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
