package vaa.assist;

import java.util.ArrayList;
import java.util.List;

/**
 * The transcript the model sees at a step: the last {@value #SIZE} utterances up to the step's
 * utterance, consecutive turns of one speaker merged into one labelled paragraph, empty turns left
 * out (they still count towards the five, as in the seed).
 */
public final class TranscriptWindow {
    public static final int SIZE = 5;

    private TranscriptWindow() {}

    /** Utterances {@code end - SIZE + 1 .. end}, clipped to the conversation. */
    public static String upTo(List<Turn> turns, int end, SpeakerLabelMap labels) {
        return format(turns, Math.max(0, end - SIZE + 1), end, labels);
    }

    /** {@code "Sælger:\n\nHej ...\n\nKunden:\n\nJa ..."} for utterances {@code start..end} inclusive. */
    public static String format(List<Turn> turns, int start, int end, SpeakerLabelMap labels) {
        List<String> parts = new ArrayList<>();
        Integer speaker = null;
        List<String> buffer = new ArrayList<>();
        for (int i = start; i < Math.min(end + 1, turns.size()); i++) {
            Turn turn = turns.get(i);
            if (turn.text().isEmpty()) {
                continue;
            }
            if (speaker != null && turn.speakerId() == speaker) {
                buffer.add(turn.text());
                continue;
            }
            flush(parts, speaker, buffer, labels);
            speaker = turn.speakerId();
            buffer = new ArrayList<>(List.of(turn.text()));
        }
        flush(parts, speaker, buffer, labels);
        return String.join("\n\n", parts);
    }

    private static void flush(List<String> parts, Integer speaker, List<String> buffer, SpeakerLabelMap labels) {
        if (speaker != null && !buffer.isEmpty()) {
            parts.add(labels.label(speaker) + ":\n\n" + String.join(" ", buffer));
        }
    }
}
