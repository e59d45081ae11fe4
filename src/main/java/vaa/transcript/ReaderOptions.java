package vaa.transcript;

import java.util.Objects;

/**
 * Choices the source data cannot tell the readers.
 *
 * @param speakerLabels        display labels for processed conversations (default Sælger / Kunden)
 * @param deepgramAgentSpeaker the Deepgram diarization speaker (or channel, without diarization) that is the agent;
 *                             default 0, because the agent usually speaks first; every other speaker is the customer
 */
public record ReaderOptions(SpeakerLabels speakerLabels, int deepgramAgentSpeaker) {

    public ReaderOptions {
        Objects.requireNonNull(speakerLabels, "speakerLabels");
        if (deepgramAgentSpeaker < 0) {
            throw new IllegalArgumentException("deepgramAgentSpeaker must be >= 0");
        }
    }

    public static ReaderOptions defaults() {
        return new ReaderOptions(SpeakerLabels.DEFAULT, 0);
    }

    public ReaderOptions withSpeakerLabels(SpeakerLabels labels) {
        return new ReaderOptions(labels, deepgramAgentSpeaker);
    }

    public ReaderOptions withDeepgramAgentSpeaker(int speaker) {
        return new ReaderOptions(speakerLabels, speaker);
    }
}
