package vaa.llm;

import java.util.function.Consumer;

/**
 * Holds an {@link AdaptiveLimiter} slot for the duration of each attempt and reports how it went. A 429
 * cuts the limit only while the provider sends no rate-limit headers: with them the {@link Pacer} keeps
 * to the limit, and halving the requests in flight would only leave capacity unused.
 */
final class LimitedLlmClient implements LlmClient {
    private final LlmClient delegate;
    private final AdaptiveLimiter limiter;
    private final Pacer pacer;
    private final String host;

    LimitedLlmClient(LlmClient delegate, AdaptiveLimiter limiter, Pacer pacer, String host) {
        this.delegate = delegate;
        this.limiter = limiter;
        this.pacer = pacer;
        this.host = host;
    }

    @Override
    public LlmResponse complete(LlmRequest request, Consumer<String> onDelta) {
        AdaptiveLimiter.Permit permit;
        try {
            permit = limiter.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LlmException.interrupted(host);
        }
        AdaptiveLimiter.Outcome outcome = AdaptiveLimiter.Outcome.OTHER_FAILURE;
        try {
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
