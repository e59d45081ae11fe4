package vaa.llm;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Holds an {@link AdaptiveLimiter} slot for the duration of each attempt and reports how it went;
 * a wait for a slot is told to the listener.
 */
final class LimitedLlmClient implements LlmClient {
    private static final Duration NOTEWORTHY_WAIT = Duration.ofMillis(5);
    private final LlmClient delegate;
    private final AdaptiveLimiter limiter;
    private final String host;
    private final LlmCallListener listener;

    LimitedLlmClient(LlmClient delegate, AdaptiveLimiter limiter, String host, LlmCallListener listener) {
        this.delegate = delegate;
        this.limiter = limiter;
        this.host = host;
        this.listener = listener;
    }

    @Override
    public LlmResponse complete(LlmRequest request, Consumer<String> onDelta) {
        AdaptiveLimiter.Permit permit;
        long asked = System.nanoTime();
        try {
            permit = limiter.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LlmException.interrupted(host);
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - asked);
        // a free slot is taken in microseconds; only a real wait (all slots busy, or the limit cut by 429s) is news
        if (waited.compareTo(NOTEWORTHY_WAIT) >= 0) {
            listener.waitedForSlot(waited, limiter.currentLimit());
        }
        AdaptiveLimiter.Outcome outcome = AdaptiveLimiter.Outcome.OTHER_FAILURE;
        try {
            LlmResponse response = delegate.complete(request, onDelta);
            outcome = AdaptiveLimiter.Outcome.SUCCESS;
            return response;
        } catch (LlmException e) {
            if (e.rateLimited()) {
                outcome = AdaptiveLimiter.Outcome.RATE_LIMITED;
            }
            throw e;
        } finally {
            permit.release(outcome);
        }
    }
}
