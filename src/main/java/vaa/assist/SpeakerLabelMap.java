package vaa.assist;

import java.util.Map;
import vaa.transcript.SpeakerLabels;

/**
 * Speaker id to label for one conversation. The campaign's {@code speaker_map.json} says whether
 * speaker 1 is the seller; a missing file, entry or non-boolean value means it is, as in the seed.
 * Any other id is shown as {@code Speaker N}.
 */
public record SpeakerLabelMap(boolean speakerOneIsSeller, SpeakerLabels labels) {
    public static SpeakerLabelMap of(boolean speakerOneIsSeller) {
        return new SpeakerLabelMap(speakerOneIsSeller, SpeakerLabels.DEFAULT);
    }

    public String label(int speakerId) {
        return switch (speakerId) {
            case 1 -> speakerOneIsSeller ? labels.seller() : labels.customer();
            case 2 -> speakerOneIsSeller ? labels.customer() : labels.seller();
            default -> "Speaker " + speakerId;
        };
    }

    /** The seed's info line shows the Python dict: {@code {1: 'Sælger', 2: 'Kunden'}}. */
    public String describe() {
        return "{1: " + Py.repr(label(1)) + ", 2: " + Py.repr(label(2)) + "}";
    }

    public Map<Integer, String> asMap() {
        return Map.of(1, label(1), 2, label(2));
    }
}
