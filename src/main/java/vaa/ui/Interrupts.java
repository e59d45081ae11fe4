package vaa.ui;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import vaa.run.Run;
import vaa.run.RunStatus;

/**
 * Ctrl+C for long batches: the first press asks the work to stop cleanly (no new calls, in-flight
 * ones finish, status is written); a second press runs a short last word (mark the run interrupted,
 * say how to resume) and ends the process at once with 130.
 *
 * <p>Ctrl+C reaches this handler either from the runtime directly or, once vaa's JLine terminal is
 * open, through that terminal (JLine registers its own runtime-level handler whenever a handler is
 * set on the terminal, for instance around every line read): {@link Terminals} passes it on to
 * {@link #deliver()}, so both paths end here.
 */
public final class Interrupts implements AutoCloseable {
    private static final Signal INT = new Signal("INT");
    private static final AtomicReference<Interrupts> ACTIVE = new AtomicReference<>();

    private final AtomicInteger presses = new AtomicInteger();
    private final Runnable onFirst;
    private final Runnable onQuit;
    private final Interrupts outer;
    private final sun.misc.SignalHandler previous;

    private Interrupts(Runnable onFirst, Runnable onQuit) {
        this.onFirst = onFirst;
        this.onQuit = onQuit;
        this.outer = ACTIVE.getAndSet(this);
        this.previous = Signal.handle(INT, s -> press());
    }

    /**
     * Installs the handler; both actions run on a signal thread while the work goes on, so keep them
     * short. {@code onQuit} runs on the second press, just before the process halts.
     */
    public static Interrupts install(Runnable onFirst, Runnable onQuit) {
        return new Interrupts(onFirst, onQuit);
    }

    /**
     * The handler for a stage command working on {@code run}: the first press says what it waits for,
     * the second marks what was running as interrupted in status.json (the main thread will never get
     * to) and prints {@code resume}, the command that continues the work.
     */
    public static Interrupts forRun(PrintWriter err, String inFlight, Run run, String resume) {
        return install(() -> {
            err.println("\nStopping after the " + inFlight + " in flight (Ctrl+C again to quit now)...");
            err.flush();
        }, () -> {
            try {
                run.updateStatus(s -> {
                    RunStatus stopped = s.runningAsInterrupted();
                    return stopped.withOverall(stopped.overallStatus(), run.now());
                });
                err.println("\nQuit: the " + inFlight + " in flight are dropped; run " + run.id() + " is marked interrupted.");
            } catch (RuntimeException e) {
                err.println("\nQuit: could not mark run " + run.id() + " interrupted: " + e.getMessage());
            }
            err.println("Resume with: " + resume);
            err.flush();
        });
    }

    public boolean requested() {
        return presses.get() > 0;
    }

    /**
     * Ctrl+C as vaa's JLine terminal passes it on: to the installed handler, or, with none, what the
     * runtime's own handler does (exit 130, shutdown hooks run).
     */
    static void deliver() {
        Interrupts active = ACTIVE.get();
        if (active != null) {
            active.press();
        } else {
            Runtime.getRuntime().exit(130);
        }
    }

    private void press() {
        int n = presses.incrementAndGet();
        if (n == 1) {
            onFirst.run();
            return;
        }
        if (n == 2) {
            // a third press while the last word is being written halts without waiting for it
            try {
                onQuit.run();
            } catch (RuntimeException e) {
                System.err.println("vaa: " + e);
            }
        }
        System.err.flush();
        Runtime.getRuntime().halt(130);
    }

    @Override
    public void close() {
        ACTIVE.compareAndSet(this, outer);
        Signal.handle(INT, previous);
    }
}
