package vaa.assist;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import vaa.llm.LlmClient;
import vaa.llm.LlmRequest;
import vaa.llm.LlmResponse;

/**
 * Runs each model call on a worker thread while the loop waits for it. A blocking socket read does
 * not notice {@link Thread#interrupt()}; waiting on a future does, so Ctrl+C stops the experiment
 * at once instead of after the model's answer (or the read timeout).
 */
final class ModelCalls implements AutoCloseable {
    /** An answer and how long the client took to give it, hand-off excluded. */
    record Timed(LlmResponse response, long nanos) {}

    private final LlmClient client;
    private final ExecutorService worker;

    ModelCalls(LlmClient client) {
        this.client = client;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vaa-assist-call");
            t.setDaemon(true);   // an abandoned call must not keep the process alive
            return t;
        });
    }

    Timed call(LlmRequest request) throws InterruptedException {
        Future<Timed> future = worker.submit(() -> {
            long start = System.nanoTime();
            LlmResponse response = client.complete(request);
            return new Timed(response, System.nanoTime() - start);
        });
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
