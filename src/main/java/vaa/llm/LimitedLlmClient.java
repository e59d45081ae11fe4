package vaa.llm;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Holds an {@link AdaptiveLimiter} slot for the duration of each attempt and reports how it went; a wait
 * for a slot is told to the listener. A 429 cuts the limit only while the provider sends no rate-limit
 * headers: with them the {@link Pacer} keeps to the limit, and halving the requests in flight would only
 * leave capacity unused.
 */
final class LimitedLlmClient implements LlmClient {
    private static final Duration NOTEWORTHY_WAIT = Duration.ofMillis(5);
    private final LlmClient delegate;
    private final AdaptiveLimiter limiter;
    private final Pacer pacer;
    private final String host;
    private final LlmCallListener listener;

    private final java.util.function.BooleanSupplier cancelled;

    LimitedLlmClient(LlmClient delegate, AdaptiveLimiter limiter, Pacer pacer, String host, LlmCallListener listener,
                     java.util.function.BooleanSupplier cancelled) {
        this.cancelled = cancelled;
        this.delegate = delegate;
        this.limiter = limiter;
        this.pacer = pacer;
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
            if (cancelled.getAsBoolean()) {
                // stopped while this call waited for its slot: it was never sent, so it is not paid
                throw LlmException.interrupted(host);
            }
            LlmResponse response = delegate.complete(request, onDelta);
            outcome = AdaptiveLimiter.Outcome.SUCCESS;
            return response;
        } catch (LlmException e) {
            if (e.rateLimited() && !pacer.informed()) {
                outcome = AdaptiveLimiter.Outcome.RATE_LIMITED;
            }
            throw e;
        } finally {
            permit.release(outcome);
        }
    }
}
