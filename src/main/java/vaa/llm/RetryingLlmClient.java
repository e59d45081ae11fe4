package vaa.llm;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/** Retries retryable failures (429, 5xx, timeouts, connection errors) per a {@link RetryPolicy}. */
final class RetryingLlmClient implements LlmClient {
    private final LlmClient delegate;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final String host;
    private final LlmCallListener listener;

    RetryingLlmClient(LlmClient delegate, RetryPolicy policy, Sleeper sleeper, RandomGenerator random, String host,
                      LlmCallListener listener) {
        this.delegate = delegate;
        this.policy = policy;
        this.sleeper = sleeper;
        this.random = random;
        this.host = host;
        this.listener = listener;
    }

    @Override
    public LlmResponse complete(LlmRequest request, Consumer<String> onDelta) {
        AtomicBoolean delivered = new AtomicBoolean();
        Consumer<String> tracking = onDelta == NO_DELTAS ? NO_DELTAS : delta -> {
            delivered.set(true);
            onDelta.accept(delta);
        };
        for (int attempt = 1; ; attempt++) {
            try {
                return delegate.complete(request, tracking);
            } catch (LlmException e) {
                if (!e.retryable() || attempt >= policy.maxAttempts() || delivered.get()) {
                    throw attempt > 1 ? e.afterAttempts(attempt) : e;
                }
                Duration wait = e.retryAfter().isPresent() ? e.retryAfter().get() : policy.backoff(attempt, random);
                if (wait.compareTo(policy.maxRetryAfter()) > 0) {
                    // waiting that long would stall the whole run; report it instead
                    throw e.afterAttempts(attempt);
                }
                listener.retrying(attempt, e, wait);
                pause(wait);
            }
        }
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LlmException.interrupted(host);
        }
    }
}
