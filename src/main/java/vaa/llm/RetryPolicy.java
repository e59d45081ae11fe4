package vaa.llm;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before attempt n+1 wait a uniform random time in
 * [0, min(maxDelay, baseDelay * 2^(n-1))], unless the provider named a wait (Retry-After), which is
 * honoured as given. A provider asking for more than {@code maxRetryAfter} is not waited for.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static RetryPolicy of(int maxAttempts) {
        return new RetryPolicy(maxAttempts, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    Duration backoff(int failedAttempt, RandomGenerator random) {
        long capMs = maxDelay.toMillis();
        long expMs = baseDelay.toMillis() << Math.min(failedAttempt - 1, 30);
        long ceiling = Math.min(capMs, expMs < 0 ? capMs : expMs);
        return Duration.ofMillis(ceiling <= 0 ? 0 : random.nextLong(ceiling + 1));
    }
}
