package vaa.transcript;

import java.util.Map;

/** Readers with a bug on one file, for the tests that prove a reader's failure costs that file only. */
public final class FailingReaders {
    private FailingReaders() {}

    /** Canonical transcripts read as usual, except the file named {@code fileName}, whose reading throws {@code failure}. */
    public static TranscriptReaders throwingOn(String fileName, RuntimeException failure) {
        JsonTranscriptReader canonical = (root, file) -> {
            if (file.getFileName().toString().equals(fileName)) {
                throw failure;
            }
            return CanonicalJson.fromTree(root, JsonTranscriptReader.stem(file));
        };
        return new TranscriptReaders(Map.of(TranscriptFormat.CANONICAL, canonical));
    }
}
