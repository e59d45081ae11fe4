package vaa.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-21T14:30:00Z"), ZoneOffset.UTC);

    private static Optional<Duration> parse(Map<String, String> headers) {
        Function<String, List<String>> lookup = name -> headers.containsKey(name) ? List.of(headers.get(name)) : List.of();
        return RetryAfter.parse(lookup, CLOCK);
    }

    @Test
    void secondsAreRead() {
        assertThat(parse(Map.of("retry-after", "12"))).contains(Duration.ofSeconds(12));
        assertThat(parse(Map.of("retry-after", "0.5"))).contains(Duration.ofMillis(500));
    }

    @Test
    void anHttpDateBecomesTheTimeUntilThen() {
        assertThat(parse(Map.of("retry-after", "Wed, 21 Jan 2026 14:30:45 GMT"))).contains(Duration.ofSeconds(45));
    }

    @Test
    void aDateInThePastMeansRetryNow() {
        assertThat(parse(Map.of("retry-after", "Wed, 21 Jan 2026 14:00:00 GMT"))).contains(Duration.ZERO);
    }

    @Test
    void millisecondsHeaderWins() {
        assertThat(parse(Map.of("retry-after-ms", "250", "retry-after", "3"))).contains(Duration.ofMillis(250));
    }

    @Test
    void garbageOrAbsenceGivesNothing() {
        assertThat(parse(Map.of("retry-after", "soon"))).isEmpty();
        assertThat(parse(Map.of("retry-after", "-3"))).isEmpty();
        assertThat(parse(Map.of())).isEmpty();
    }
}
