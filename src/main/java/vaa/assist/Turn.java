package vaa.assist;

/** One utterance of a processed conversation as seed 002 reads it: who spoke (1 or 2) and the cleaned text. */
public record Turn(int speakerId, String text) {
    public Turn {
        text = text == null ? "" : text;
    }
}
