package vaa.ui;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Ctrl+C for long batches: the first press asks the work to stop cleanly (no new calls, in-flight
 * ones finish, status is written); a second press ends the process at once with 130.
 */
public final class Interrupts implements AutoCloseable {
    private final AtomicBoolean requested = new AtomicBoolean();
    private final Signal signal = new Signal("INT");
    private final sun.misc.SignalHandler previous;

    private Interrupts(Runnable onFirst) {
        previous = Signal.handle(signal, s -> {
            if (requested.compareAndSet(false, true)) {
                onFirst.run();
            } else {
                Runtime.getRuntime().halt(130);
            }
        });
    }

    /** Installs the handler; {@code onFirst} runs on the signal thread, so keep it short. */
    public static Interrupts install(Runnable onFirst) {
        return new Interrupts(onFirst);
    }

    public boolean requested() {
        return requested.get();
    }

    @Override
    public void close() {
        Signal.handle(signal, previous);
    }
}
