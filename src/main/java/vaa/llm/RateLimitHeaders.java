package vaa.llm;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rate-limit state a provider reports on every response: {@code x-ratelimit-limit-requests},
 * {@code x-ratelimit-remaining-requests}, {@code x-ratelimit-reset-requests} and the {@code -tokens}
 * variants (OpenAI, Groq, Fireworks, Azure, ...), or the bare {@code x-ratelimit-limit/-remaining/-reset}
 * that OpenRouter and Together send for requests.
 *
 * <p>A reset is the time until the budget is whole again: a Go-style duration ({@code 6m0s},
 * {@code 1s}, {@code 20ms}, {@code 2m59.56s}), a plain number of seconds, or a Unix timestamp in
 * seconds or milliseconds (OpenRouter).
 */
record RateLimitHeaders(Optional<Budget> requests, Optional<Budget> tokens) {
    static final RateLimitHeaders NONE = new RateLimitHeaders(Optional.empty(), Optional.empty());

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|h|m|s)");
    /** Numbers above these are timestamps, not waits: 1e9 s is 2001, 1e12 ms too. */
    private static final double EPOCH_SECONDS = 1e9;
    private static final double EPOCH_MILLIS = 1e12;

    /**
     * One budget as the provider counts it: {@code limit} in its window, {@code remaining} now, and the
     * time until {@code remaining} is back at {@code limit} (empty when not sent or unreadable).
     */
    record Budget(long limit, long remaining, Optional<Duration> reset) {}

    boolean any() {
        return requests.isPresent() || tokens.isPresent();
    }

    /** {@code header} looks a header up case-insensitively and returns its values. */
    static RateLimitHeaders parse(Function<String, List<String>> header, Clock clock) {
        Optional<Budget> requests = budget(header, "x-ratelimit-limit-requests", "x-ratelimit-remaining-requests",
                "x-ratelimit-reset-requests", clock)
                .or(() -> budget(header, "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", clock));
        Optional<Budget> tokens = budget(header, "x-ratelimit-limit-tokens", "x-ratelimit-remaining-tokens",
                "x-ratelimit-reset-tokens", clock);
        return new RateLimitHeaders(requests, tokens);
    }

    private static Optional<Budget> budget(Function<String, List<String>> header, String limitName, String remainingName,
                                           String resetName, Clock clock) {
        Optional<Long> limit = RetryAfter.first(header, limitName).flatMap(RateLimitHeaders::count).filter(n -> n > 0);
        Optional<Long> remaining = RetryAfter.first(header, remainingName).flatMap(RateLimitHeaders::count);
        if (limit.isEmpty() || remaining.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> reset = RetryAfter.first(header, resetName).flatMap(v -> reset(v, clock));
        return Optional.of(new Budget(limit.get(), Math.min(remaining.get(), limit.get()), reset));
    }

    /** The time until a budget is whole again, in any of the forms providers send. */
    static Optional<Duration> reset(String value, Clock clock) {
        String v = value.trim();
        try {
            double number = Double.parseDouble(v);
            if (!Double.isFinite(number) || number < 0) {
                return Optional.empty();
            }
            if (number >= EPOCH_MILLIS) {
                return Optional.of(untilEpochMillis((long) number, clock));
            }
            if (number >= EPOCH_SECONDS) {
                return Optional.of(untilEpochMillis((long) (number * 1000), clock));
            }
            return Optional.of(Duration.ofNanos(Math.round(number * 1e9)));
        } catch (NumberFormatException notANumber) {
            return duration(v);   // the usual case: "6m0s", "20ms"
        }
    }

    /** A Go-style duration: one or more number+unit parts, units h, m, s, ms, us/µs, ns. */
    static Optional<Duration> duration(String value) {
        Matcher m = DURATION_PART.matcher(value);
        double nanos = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            nanos += Double.parseDouble(m.group(1)) * switch (m.group(2)) {
                case "h" -> 3600e9;
                case "m" -> 60e9;
                case "s" -> 1e9;
                case "ms" -> 1e6;
                case "ns" -> 1;
                default -> 1e3;   // us, µs
            };
            end = m.end();
        }
        return end == 0 || end != value.length() ? Optional.empty() : Optional.of(Duration.ofNanos(Math.round(nanos)));
    }

    private static Duration untilEpochMillis(long epochMillis, Clock clock) {
        Duration wait = Duration.ofMillis(epochMillis - clock.millis());
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private static Optional<Long> count(String value) {
        try {
            double d = Double.parseDouble(value.trim());
            return Double.isFinite(d) && d >= 0 ? Optional.of((long) Math.floor(d)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();   // unreadable: as if the header were absent
        }
    }
}
