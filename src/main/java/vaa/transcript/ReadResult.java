package vaa.transcript;

import java.nio.file.Path;
import java.util.Objects;

/** The outcome of reading one transcript file: a call, or the reason it was skipped. Reading never throws for bad content. */
public sealed interface ReadResult permits ReadResult.Read, ReadResult.Unreadable {

    record Read(Call call, TranscriptFormat format) implements ReadResult {
        public Read {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(format, "format");
        }
    }

    /** A file that was skipped; {@code reason} is short and meant for the user ("empty file", "not valid JSON: ..."). */
    record Unreadable(Path file, String reason) implements ReadResult {
        public Unreadable {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return file + ": " + reason;
        }
    }
}
