package vaa.transcript;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The sample transcripts under src/test/resources/transcripts/. */
final class Samples {
    private Samples() {}

    static Path path(String relative) {
        URL url = Samples.class.getResource("/transcripts/" + relative);
        if (url == null) {
            throw new IllegalArgumentException("no sample transcripts/" + relative);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Call read(String relative) {
        return read(new TranscriptReaders(), relative);
    }

    static Call read(TranscriptReaders readers, String relative) {
        ReadResult result = readers.read(path(relative));
        if (result instanceof ReadResult.Read read) {
            return read.call();
        }
        throw new AssertionError("expected " + relative + " to be readable, got " + result);
    }
}
