package vaa.llm;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Reads the wait a provider asks for: {@code retry-after-ms}, else {@code Retry-After} (seconds or HTTP date). */
final class RetryAfter {
    private RetryAfter() {}

    /** {@code header} looks a header up case-insensitively and returns its values. */
    static Optional<Duration> parse(Function<String, List<String>> header, Clock clock) {
        Optional<Duration> ms = first(header, "retry-after-ms").flatMap(v -> number(v).map(d -> Duration.ofNanos((long) (d * 1_000_000))));
        if (ms.isPresent()) {
            return ms;
        }
        return first(header, "retry-after").flatMap(v -> seconds(v).or(() -> httpDate(v, clock)));
    }

    /** The first value of a header, trimmed. */
    static Optional<String> first(Function<String, List<String>> header, String name) {
        List<String> values = header.apply(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0).trim());
    }

    private static Optional<Duration> seconds(String value) {
        return number(value).map(s -> Duration.ofMillis((long) (s * 1000)));
    }

    private static Optional<Double> number(String value) {
        try {
            double d = Double.parseDouble(value);
            return Double.isFinite(d) && d >= 0 ? Optional.of(d) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();   // not a number: the caller tries the date form or falls back to backoff
        }
    }

    private static Optional<Duration> httpDate(String value, Clock clock) {
        try {
            ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();   // unparseable: treated as absent, the backoff schedule applies
        }
    }
}
