package vaa.io;

/**
 * Progress of a long batch. The terminal version draws a bar; the plain version prints a line now
 * and then; tests record the calls. Called from worker threads: implementations are thread-safe.
 */
public interface ProgressSink extends AutoCloseable {
    void start(String task, long total);

    /** {@code done} includes failures; both are running totals. */
    void update(long done, long failed);

    @Override
    void close();

    ProgressSink NONE = new ProgressSink() {
        @Override
        public void start(String task, long total) {}

        @Override
        public void update(long done, long failed) {}

        @Override
        public void close() {}
    };
}
