package vaa.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PacerTest {
    private static final Duration MAX_PAUSE = Duration.ofMinutes(5);

    /** A clock that only moves when told to, or (when {@code sleepsMoveTime}) by each wait. */
    private static final class FakeTime implements Sleeper {
        final List<Duration> waits = new ArrayList<>();
        boolean interruptNext;
        private final boolean sleepsMoveTime;
        private long nanos = 1_000_000_000L;

        FakeTime(boolean sleepsMoveTime) {
            this.sleepsMoveTime = sleepsMoveTime;
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
            if (interruptNext) {
                interruptNext = false;
                throw new InterruptedException();
            }
            waits.add(d);
            if (sleepsMoveTime) {
                nanos += d.toNanos();
            }
        }

        @Override
        public long nanoTime() {
            return nanos;
        }

        void advance(Duration d) {
            nanos += d.toNanos();
        }
    }

    private static RateLimitHeaders requests(long limit, long remaining, String reset) {
        return new RateLimitHeaders(Optional.of(new RateLimitHeaders.Budget(limit, remaining, RateLimitHeaders.duration(reset))),
                Optional.empty());
    }

    private static RateLimitHeaders tokens(long limit, long remaining, String reset) {
        return new RateLimitHeaders(Optional.empty(),
                Optional.of(new RateLimitHeaders.Budget(limit, remaining, RateLimitHeaders.duration(reset))));
    }

    private static Pacer pacer(FakeTime time) {
        return new Pacer(StatedLimits.NONE, time, MAX_PAUSE);
    }

    @Test
    void withoutHeadersOrStatedLimitsNothingWaits() throws InterruptedException {
        FakeTime time = new FakeTime(true);
        Pacer pacer = pacer(time);

        for (int i = 0; i < 100; i++) {
            pacer.await(5000, 0).observe(RateLimitHeaders.NONE, Optional.empty());
        }

        assertThat(time.waits).isEmpty();
        assertThat(pacer.informed()).isFalse();
    }

    @Test
    void farFromTheLimitNoRequestWaits() throws InterruptedException {
        FakeTime time = new FakeTime(true);
        Pacer pacer = pacer(time);

        for (int i = 0; i < 50; i++) {
            pacer.await(100, 0).observe(requests(600, 599 - i, "100ms"), Optional.empty());
        }

        assertThat(time.waits).isEmpty();
        assertThat(pacer.informed()).isTrue();
    }

    @Test
    void anEmptyBudgetSpacesRequestsAtTheRateTheResetImplies() throws InterruptedException {
        FakeTime time = new FakeTime(true);
        Pacer pacer = pacer(time);
        // 100 of 101 used, whole again in 10 s: the provider refills 10 a second (one request less than the deficit, see Pacer)
        pacer.await(0, 0).observe(requests(101, 0, "10s"), Optional.empty());

        pacer.await(0, 0);
        pacer.await(0, 0);
        pacer.await(0, 0);

        assertThat(time.waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100));
    }

    @Test
    void callersArrivingTogetherEachReserveTheNextFreeMoment() throws InterruptedException {
        FakeTime time = new FakeTime(false);
        Pacer pacer = pacer(time);
        pacer.await(0, 0).observe(requests(101, 0, "10s"), Optional.empty());

        for (int i = 0; i < 4; i++) {
            pacer.await(0, 0);
        }

        assertThat(time.waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300),
                Duration.ofMillis(400));
    }

    @Test
    void theRefillSinceTheObservedRequestWasSentCounts() throws InterruptedException {
        FakeTime time = new FakeTime(false);
        Pacer pacer = pacer(time);
        Pacer.Slot first = pacer.await(0, 0);
        // the answer comes 300 ms later; taking 50 ms for the request to arrive, 2.5 requests were refilled meanwhile
        time.advance(Duration.ofMillis(300));

        first.observe(requests(101, 0, "10s"), Optional.empty());
        pacer.await(0, 0);
        pacer.await(0, 0);
        pacer.await(0, 0);

        assertThat(time.waits).containsExactly(Duration.ofMillis(50));
    }

    @Test
    void requestsSentAfterTheObservedOneAreTakenOffWhatTheProviderSaysRemains() throws InterruptedException {
        FakeTime time = new FakeTime(false);
        Pacer pacer = pacer(time);
        Pacer.Slot first = pacer.await(0, 0);
        pacer.await(0, 0);
        pacer.await(0, 0);

        // two left when the first arrived, but two more went out since
        first.observe(requests(103, 2, "10s"), Optional.empty());
        pacer.await(0, 0);

        assertThat(time.waits).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void anAnswerOvertakenByALaterOnesIsIgnored() throws InterruptedException {
        FakeTime time = new FakeTime(false);
        Pacer pacer = pacer(time);
        Pacer.Slot first = pacer.await(0, 0);
        Pacer.Slot second = pacer.await(0, 0);

        second.observe(requests(101, 50, "5s"), Optional.empty());
        first.observe(requests(101, 0, "10s"), Optional.empty());
        pacer.await(0, 0);

        assertThat(time.waits).isEmpty();
    }

    @Test
    void theTokenBudgetPacesByEachRequestsEstimate() throws InterruptedException {
        FakeTime time = new FakeTime(true);
        Pacer pacer = pacer(time);
        // 10,001 tokens whole again in 60 s after 10,001 were used: 10,000 a minute
        pacer.await(1, 0).observe(tokens(10_001, 0, "1m0s"), Optional.empty());

        pacer.await(500, 0);
        pacer.await(50, 0);

        assertThat(time.waits).containsExactly(Duration.ofSeconds(3), Duration.ofMillis(300));
    }

    @Test
    void aRetryAfterHoldsBackEveryRequestButAnAbsurdOneIsLeftToTheRetries() throws InterruptedException {
        FakeTime time = new FakeTime(false);
        Pacer pacer = pacer(time);
        Pacer.Slot refused = pacer.await(0, 0);

        refused.observe(RateLimitHeaders.NONE, Optional.of(Duration.ofSeconds(2)));
        pacer.await(0, 0);
        pacer.await(0, 0).observe(RateLimitHeaders.NONE, Optional.of(Duration.ofDays(1)));
        time.advance(Duration.ofSeconds(2));
        pacer.await(0, 0);

        assertThat(time.waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(pacer.informed()).isFalse();
    }

    @Test
    void aCallerInterruptedWhileWaitingGivesItsPlaceBack() throws InterruptedException {
        FakeTime time = new FakeTime(false);
        Pacer pacer = pacer(time);
        pacer.await(0, 0).observe(requests(101, 0, "10s"), Optional.empty());
        time.interruptNext = true;

        assertThatThrownBy(() -> pacer.await(0, 0)).isInstanceOf(InterruptedException.class);
        Pacer.Slot next = pacer.await(0, 0);
        next.observe(requests(101, 0, "10s"), Optional.empty());
        pacer.await(0, 0);

        // neither waited behind the abandoned one, nor was it counted as sent after the observed one
        assertThat(time.waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100));
    }

    @Test
    void statedLimitsPaceEvenlyWithABurstOfOneSecondsWorth() throws InterruptedException {
        FakeTime time = new FakeTime(true);
        Pacer pacer = new Pacer(new StatedLimits(120, 0), time, MAX_PAUSE);

        for (int i = 0; i < 4; i++) {
            pacer.await(0, 0);
        }

        assertThat(time.waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
    }

    @Test
    void aStatedLimitBelowOneRequestASecondLetsTheFirstGoAtOnceAndSpacesTheRest() throws InterruptedException {
        FakeTime time = new FakeTime(false);
        Pacer pacer = new Pacer(new StatedLimits(10, 0), time, MAX_PAUSE);

        pacer.await(0, 0);
        pacer.await(0, 0);
        pacer.await(0, 0);

        assertThat(time.waits).containsExactly(Duration.ofSeconds(6), Duration.ofSeconds(12));
    }

    @Test
    void aStatedTokenLimitIsSettledWithTheTokensTheProviderCounted() throws InterruptedException {
        FakeTime time = new FakeTime(true);
        Pacer pacer = new Pacer(new StatedLimits(0, 6000), time, MAX_PAUSE);

        // 100 of prompt and up to 900 of answer, but the answer says 100 were used in all: 900 come back
        pacer.await(100, 900).done(new LlmResponse.Usage(100, 0, 100));
        pacer.await(50, 0);

        assertThat(time.waits).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void promptEstimatesAreScaledByWhatTheProviderCounted() throws InterruptedException {
        FakeTime time = new FakeTime(false);
        Pacer pacer = pacer(time);
        Pacer.Slot first = pacer.await(100, 0);
        // the provider counted 150 for what was estimated as 100; its budget: 15,001 a minute, all spent
        first.observe(tokens(15_001, 0, "1m0s"), Optional.empty());
        first.done(new LlmResponse.Usage(150, 10, 160));

        pacer.await(100, 20);

        // 150 + 20 tokens at 250 a second
        assertThat(time.waits).containsExactly(Duration.ofMillis(680));
    }

    @Test
    void theStricterOfHeadersAndStatedLimitsApplies() throws InterruptedException {
        FakeTime time = new FakeTime(false);
        Pacer pacer = new Pacer(new StatedLimits(6000, 0), time, MAX_PAUSE);

        pacer.await(0, 0).observe(requests(101, 0, "10s"), Optional.empty());
        pacer.await(0, 0);

        assertThat(time.waits).containsExactly(Duration.ofMillis(100));
    }
}
