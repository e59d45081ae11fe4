package vaa.trace;

import com.langfuse.client.LangfuseClient;
import com.langfuse.client.core.LangfuseClientApiException;
import com.langfuse.client.core.LangfuseClientException;
import com.langfuse.client.resources.commons.types.CreateScoreValue;
import com.langfuse.client.resources.commons.types.ScoreDataType;
import com.langfuse.client.resources.score.types.CreateScoreRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import vaa.prompt.LangfuseSettings;

/**
 * Judgements as Langfuse scores ({@code POST /api/public/scores} through langfuse-java's score
 * client), sent one by one from a background thread over one kept-alive connection while the run
 * goes on. The queue is bounded; what cannot be queued or sent is counted in {@link Delivery},
 * never thrown. A score's id is derived from its trace, observation and name, so a score sent
 * twice is one score in Langfuse.
 */
final class ScoreSender {
    private static final int QUEUE = 10_000;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final LangfuseSettings langfuse;
    private final Delivery.Counts counts;
    private final LinkedBlockingQueue<CreateScoreRequest> queue = new LinkedBlockingQueue<>(QUEUE);
    /** Queued plus the one being sent; flushing waits for it to reach zero. */
    private final AtomicInteger pending = new AtomicInteger();
    private final Object idle = new Object();
    private Thread worker;

    ScoreSender(LangfuseSettings langfuse, Delivery.Counts counts) {
        this.langfuse = langfuse;
        this.counts = counts;
    }

    void categorical(String traceId, String observationId, String name, String value) {
        send(request(traceId, observationId, name, CreateScoreValue.of(value)).dataType(ScoreDataType.CATEGORICAL).build());
    }

    void bool(String traceId, String observationId, String name, boolean value) {
        send(request(traceId, observationId, name, CreateScoreValue.of(value ? 1.0 : 0.0)).dataType(ScoreDataType.BOOLEAN).build());
    }

    private static CreateScoreRequest._FinalStage request(String traceId, String observationId, String name,
                                                          CreateScoreValue value) {
        String key = traceId + "/" + (observationId == null ? "" : observationId) + "/" + name;
        CreateScoreRequest._FinalStage r = CreateScoreRequest.builder().name(name).value(value)
                .id(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString())
                .traceId(traceId);
        return observationId == null ? r : r.observationId(observationId);
    }

    private void send(CreateScoreRequest score) {
        counts.handed(1);
        if (counts.givenUp()) {
            return;
        }
        pending.incrementAndGet();
        if (!queue.offer(score)) {
            done();
            return;
        }
        startWorker();
    }

    private synchronized void startWorker() {
        if (worker == null) {
            worker = new Thread(this::work, "vaa-langfuse-scores");
            worker.setDaemon(true);   // a score still queued when vaa exits must not keep it alive
            worker.start();
        }
    }

    private void work() {
        LangfuseClient client = LangfuseClient.builder().url(langfuse.hostText())
                .credentials(langfuse.publicKey(), langfuse.secretKey())
                .httpClient(new OkHttpClient.Builder().connectTimeout(CONNECT_TIMEOUT).callTimeout(CALL_TIMEOUT).build())
                .build();
        while (true) {
            CreateScoreRequest score;
            try {
                score = queue.take();
            } catch (InterruptedException e) {
                return;   // closed: what is still queued is counted as not sent
            }
            try {
                if (!counts.givenUp()) {
                    client.score().create(score);
                    counts.sent(1);
                }
            } catch (LangfuseClientApiException e) {
                int status = e.statusCode();
                counts.failed("HTTP " + status + (status == 401 || status == 403 ? ": the keys were refused" : ""));
            } catch (LangfuseClientException e) {
                counts.failed(e.getCause() != null ? Delivery.describe(e.getCause()) : "the score could not be sent");
            } finally {
                done();
            }
        }
    }

    private void done() {
        if (pending.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /**
     * Waits until everything queued has been sent (or has failed), or until {@code deadlineNanos}; a
     * Langfuse that has not answered by then is given up, and so not waited for again.
     */
    void flush(long deadlineNanos) {
        synchronized (idle) {
            while (pending.get() > 0 && !counts.givenUp()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    counts.giveUp("no answer in time");
                    return;
                }
                try {
                    idle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    void close(long deadlineNanos) {
        flush(deadlineNanos);
        synchronized (this) {
            if (worker != null) {
                worker.interrupt();
            }
        }
    }
}
