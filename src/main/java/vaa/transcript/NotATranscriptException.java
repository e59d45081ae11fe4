package vaa.transcript;

/**
 * Thrown by the format readers when content is not what the format needs; {@link TranscriptReaders} turns it
 * into {@link ReadResult.Unreadable} with this message as the reason, so it never escapes the package.
 */
final class NotATranscriptException extends RuntimeException {
    NotATranscriptException(String reason) {
        super(reason, null, false, false);
    }
}
