package vaa.io;

/**
 * Where core services send what a user should read (progress notes, warnings). The CLI prints
 * info to stdout and warnings to stderr; tests collect them.
 */
public interface MessageSink {
    void info(String message);

    void warn(String message);

    /** A side note that must not mix with a command's output (which run a script is reading, say): stderr in the CLI. */
    default void note(String message) {
        info(message);
    }

    MessageSink NONE = new MessageSink() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}
    };
}
