package vaa.llm;

import java.time.Duration;

/**
 * How retries and pacing wait, and the clock their waits are measured against; tests substitute one
 * that records the waits and moves its own clock on instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;

    /** A monotonic clock in nanoseconds, as {@link System#nanoTime()}. */
    default long nanoTime() {
        return System.nanoTime();
    }
}
