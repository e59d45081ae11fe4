package vaa.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitHeadersTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-21T14:30:00Z"), ZoneOffset.UTC);

    private static RateLimitHeaders parse(Map<String, String> headers) {
        return RateLimitHeaders.parse(name -> headers.containsKey(name) ? List.of(headers.get(name)) : List.of(), CLOCK);
    }

    @Test
    void openAiSendsRequestAndTokenBudgets() {
        RateLimitHeaders h = parse(Map.of(
                "x-ratelimit-limit-requests", "5000", "x-ratelimit-remaining-requests", "4999", "x-ratelimit-reset-requests", "12ms",
                "x-ratelimit-limit-tokens", "160000", "x-ratelimit-remaining-tokens", "159976", "x-ratelimit-reset-tokens", "9ms"));

        assertThat(h.requests()).contains(new RateLimitHeaders.Budget(5000, 4999, Optional.of(Duration.ofMillis(12))));
        assertThat(h.tokens()).contains(new RateLimitHeaders.Budget(160_000, 159_976, Optional.of(Duration.ofMillis(9))));
        assertThat(h.any()).isTrue();
    }

    @Test
    void groqsDailyRequestBudgetResetsInMinutesAndSeconds() {
        RateLimitHeaders h = parse(Map.of("x-ratelimit-limit-requests", "14400", "x-ratelimit-remaining-requests", "14370",
                "x-ratelimit-reset-requests", "2m59.56s"));

        assertThat(h.requests()).contains(new RateLimitHeaders.Budget(14_400, 14_370, Optional.of(Duration.ofMillis(179_560))));
        assertThat(h.tokens()).isEmpty();
    }

    @Test
    void theBareHeadersOfOpenRouterAndTogetherCountRequests() {
        RateLimitHeaders h = parse(Map.of("x-ratelimit-limit", "20", "x-ratelimit-remaining", "19",
                "x-ratelimit-reset", String.valueOf(CLOCK.millis() + 1500)));

        assertThat(h.requests()).contains(new RateLimitHeaders.Budget(20, 19, Optional.of(Duration.ofMillis(1500))));
    }

    @Test
    void aBudgetWithoutLimitOrRemainingIsNoBudget() {
        assertThat(parse(Map.of("x-ratelimit-remaining-requests", "3")).any()).isFalse();
        assertThat(parse(Map.of("x-ratelimit-limit-requests", "3")).any()).isFalse();
        assertThat(parse(Map.of("x-ratelimit-limit-requests", "0", "x-ratelimit-remaining-requests", "0")).any()).isFalse();
        assertThat(parse(Map.of()).any()).isFalse();
    }

    @Test
    void anUnreadableResetLeavesTheCountsAndARemainderAboveTheLimitIsCapped() {
        RateLimitHeaders h = parse(Map.of("x-ratelimit-limit-requests", "60", "x-ratelimit-remaining-requests", "75",
                "x-ratelimit-reset-requests", "soon"));

        assertThat(h.requests()).contains(new RateLimitHeaders.Budget(60, 60, Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            6m0s      | 360000000000
            1s        | 1000000000
            20ms      | 20000000
            2m59.56s  | 179560000000
            1h2m3.5s  | 3723500000000
            7.66s     | 7660000000
            0s        | 0
            1.5ms     | 1500000
            250us     | 250000
            250µs     | 250000
            40ns      | 40
            .5s       | 500000000
            """)
    void goDurationsAreRead(String text, long nanos) {
        assertThat(RateLimitHeaders.reset(text, CLOCK)).contains(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "5x", "", "1s2", "s", "m5", "1 s", "-1s", "-3", "NaN"})
    void anythingElseIsNotAReset(String text) {
        assertThat(RateLimitHeaders.reset(text, CLOCK)).isEmpty();
    }

    @Test
    void plainNumbersAreSecondsAndLargeOnesTimestamps() {
        assertThat(RateLimitHeaders.reset("2", CLOCK)).contains(Duration.ofSeconds(2));
        assertThat(RateLimitHeaders.reset("0.25", CLOCK)).contains(Duration.ofMillis(250));
        long epochSeconds = CLOCK.instant().getEpochSecond();
        assertThat(RateLimitHeaders.reset(String.valueOf(epochSeconds + 30), CLOCK)).contains(Duration.ofSeconds(30));
        assertThat(RateLimitHeaders.reset(String.valueOf(CLOCK.millis() + 750), CLOCK)).contains(Duration.ofMillis(750));
        assertThat(RateLimitHeaders.reset(String.valueOf(epochSeconds - 30), CLOCK)).contains(Duration.ZERO);
    }
}
