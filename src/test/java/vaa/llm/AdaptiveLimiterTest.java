package vaa.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static vaa.llm.AdaptiveLimiter.Outcome.RATE_LIMITED;
import static vaa.llm.AdaptiveLimiter.Outcome.SUCCESS;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdaptiveLimiterTest {
    @Test
    void startsAtTheConfiguredMaximum() {
        assertThat(new AdaptiveLimiter(8).currentLimit()).isEqualTo(8);
    }

    @Test
    void aRateLimitHalvesTheLimit() throws InterruptedException {
        AdaptiveLimiter limiter = new AdaptiveLimiter(8);

        limiter.acquire().release(RATE_LIMITED);

        assertThat(limiter.currentLimit()).isEqualTo(4);
    }

    @Test
    void aBurstOfRateLimitsFromRequestsAlreadyInFlightHalvesOnlyOnce() throws InterruptedException {
        AdaptiveLimiter limiter = new AdaptiveLimiter(8);
        List<AdaptiveLimiter.Permit> inFlight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            inFlight.add(limiter.acquire());
        }

        inFlight.forEach(p -> p.release(RATE_LIMITED));

        assertThat(limiter.currentLimit()).isEqualTo(4);
    }

    @Test
    void repeatedRateLimitsShrinkToOneButNotBelow() throws InterruptedException {
        AdaptiveLimiter limiter = new AdaptiveLimiter(8);
        for (int i = 0; i < 6; i++) {
            limiter.acquire().release(RATE_LIMITED);
        }
        assertThat(limiter.currentLimit()).isEqualTo(1);
    }

    @Test
    void successesCreepBackUpToTheMaximum() throws InterruptedException {
        AdaptiveLimiter limiter = new AdaptiveLimiter(4);
        limiter.acquire().release(RATE_LIMITED);
        assertThat(limiter.currentLimit()).isEqualTo(2);

        limiter.acquire().release(SUCCESS);
        assertThat(limiter.currentLimit()).isEqualTo(2);
        limiter.acquire().release(SUCCESS);
        assertThat(limiter.currentLimit()).isEqualTo(3);

        for (int i = 0; i < 20; i++) {
            limiter.acquire().release(SUCCESS);
        }
        assertThat(limiter.currentLimit()).isEqualTo(4);
    }

    @Test
    void aWaitingCallerIsAdmittedWhenASlotFrees() throws Exception {
        AdaptiveLimiter limiter = new AdaptiveLimiter(1);
        AdaptiveLimiter.Permit held = limiter.acquire();
        Thread waiter = new Thread(() -> {
            try {
                limiter.acquire().release(SUCCESS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        Thread.sleep(100);
        assertThat(waiter.isAlive()).isTrue();

        held.release(SUCCESS);
        waiter.join(2000);

        assertThat(waiter.isAlive()).isFalse();
        assertThat(limiter.inFlight()).isZero();
    }

    @Test
    void aWaitingCallerCanBeInterrupted() throws Exception {
        AdaptiveLimiter limiter = new AdaptiveLimiter(1);
        limiter.acquire();
        java.util.concurrent.CompletableFuture<Throwable> outcome = new java.util.concurrent.CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                limiter.acquire();
                outcome.complete(null);
            } catch (InterruptedException e) {
                outcome.complete(e);
            }
        });
        waiter.start();
        Thread.sleep(100);

        waiter.interrupt();

        assertThat(outcome.get(2, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(limiter.inFlight()).isEqualTo(1);
    }
}
