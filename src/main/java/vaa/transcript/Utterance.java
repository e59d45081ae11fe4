package vaa.transcript;

import java.util.Map;
import java.util.Objects;

/**
 * One turn of a call.
 *
 * @param role     normalised speaker role, what metrics and prompts key on
 * @param speaker  the speaker label as the source wrote it ("Sælger", "assistant", "Speaker 1"), kept for display;
 *                 defaults to the role's wire name
 * @param text     what was said; may be empty (kept so utterance indexes match the source)
 * @param start    seconds from the start of the call, when the source has timing
 * @param end      seconds from the start of the call, when the source has timing
 * @param metadata per-utterance extras from the source (ASR text, emotion scores, confidence); never null
 */
public record Utterance(Role role, String speaker, String text, Double start, Double end, Map<String, Object> metadata) {

    public Utterance {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
        speaker = speaker == null || speaker.isBlank() ? role.wireName() : speaker;
        metadata = Values.immutableMap(metadata);
    }

    public Utterance(Role role, String speaker, String text, Double start, Double end) {
        this(role, speaker, text, start, end, Map.of());
    }

    public Utterance(Role role, String speaker, String text) {
        this(role, speaker, text, null, null, Map.of());
    }
}
