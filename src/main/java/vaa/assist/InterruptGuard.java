package vaa.assist;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl+C into an interrupt of the experiment's thread and gives that thread time to write the
 * log's footer before the JVM goes down. SIGINT starts the JVM's shutdown; the hook installed here
 * interrupts the target and waits (at most {@link #GRACE}) until {@link #close()} says the target is
 * done. A terminal that handles Ctrl+C itself can call {@link #interrupt()} directly.
 */
public final class InterruptGuard implements AutoCloseable {
    static final Duration GRACE = Duration.ofSeconds(5);

    private final Thread target;
    private final Thread hook;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean shuttingDown;

    private InterruptGuard(Thread target) {
        this.target = target;
        this.hook = new Thread(this::onShutdown, "vaa-assist-interrupt");
    }

    public static InterruptGuard install(Thread target) {
        InterruptGuard guard = new InterruptGuard(target);
        Runtime.getRuntime().addShutdownHook(guard.hook);
        return guard;
    }

    public void interrupt() {
        target.interrupt();
    }

    private void onShutdown() {
        shuttingDown = true;
        target.interrupt();
        try {
            done.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        done.countDown();
        if (shuttingDown) {
            return;   // the hook is running; removing it now is not allowed and not needed
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutdown began after the check above: the hook runs, finds done counted down, and returns at once
            shuttingDown = true;
        }
    }
}
