package vaa.llm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How {@link LlmRuntime} builds clients. {@code workers} bounds the requests in flight per provider
 * (it starts there and shrinks while the provider answers 429); {@code cacheDir}, when set, turns on
 * the response cache; {@code readTimeout} is the longest silence tolerated inside a response,
 * {@code requestTimeout} the longest whole call.
 */
public record LlmOptions(int workers, Path cacheDir, Duration connectTimeout, Duration readTimeout,
                         Duration requestTimeout, int maxAttempts) {
    public LlmOptions {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static LlmOptions defaults() {
        return new LlmOptions(4, null, Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofMinutes(10),
                RetryPolicy.DEFAULT_MAX_ATTEMPTS);
    }

    public Optional<Path> cache() {
        return Optional.ofNullable(cacheDir);
    }

    public LlmOptions withWorkers(int n) {
        return new LlmOptions(n, cacheDir, connectTimeout, readTimeout, requestTimeout, maxAttempts);
    }

    public LlmOptions withCacheDir(Path dir) {
        return new LlmOptions(workers, dir, connectTimeout, readTimeout, requestTimeout, maxAttempts);
    }

    public LlmOptions withReadTimeout(Duration timeout) {
        return new LlmOptions(workers, cacheDir, connectTimeout, timeout, requestTimeout, maxAttempts);
    }

    public LlmOptions withMaxAttempts(int n) {
        return new LlmOptions(workers, cacheDir, connectTimeout, readTimeout, requestTimeout, n);
    }
}
