package vaa.ui;

import java.io.PrintStream;

/**
 * The terminal line a live progress bar redraws in place, shared by the bar and the messages of one command. A
 * message printed while the bar was drawn used to land at the end of the bar's line ({@code …?/sBatch batch_5
 * completed}); now the line is wiped first, the message gets lines of its own, and the bar draws itself again
 * below them on its next tick.
 */
public final class ConsoleLine {
    private final PrintStream stream;
    private int drawn;   // characters the bar left on the current line; 0 when it holds none

    public ConsoleLine(PrintStream stream) {
        this.stream = stream;
    }

    PrintStream stream() {
        return stream;
    }

    /** Runs the bar's own drawing of {@code length} characters at the start of the current line. */
    synchronized void draw(Runnable draw, int length) {
        draw.run();
        drawn = length;
    }

    /** Runs the bar's last drawing, which ends its line. */
    synchronized void end(Runnable close) {
        close.run();
        drawn = 0;
    }

    /** Runs {@code print} on a clean line: a bar drawn on the current line is wiped first. */
    public synchronized void print(Runnable print) {
        if (drawn > 0) {
            stream.print("\r" + " ".repeat(drawn) + "\r");
            stream.flush();
            drawn = 0;
        }
        print.run();
    }
}
