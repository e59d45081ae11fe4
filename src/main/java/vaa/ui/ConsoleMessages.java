package vaa.ui;

import java.io.PrintWriter;
import vaa.io.MessageSink;

/** The CLI's message sink: notes to the info writer, side notes and warnings (marked) to stderr, each flushed at once. */
public final class ConsoleMessages implements MessageSink {
    private final PrintWriter info;
    private final PrintWriter err;
    private final Style style;

    public ConsoleMessages(PrintWriter info, PrintWriter err, Style style) {
        this.info = info;
        this.err = err;
        this.style = style;
    }

    @Override
    public void info(String message) {
        info.println(message);
        info.flush();
    }

    @Override
    public void note(String message) {
        err.println(message);
        err.flush();
    }

    @Override
    public void warn(String message) {
        err.println(style.yellow("[warn] ") + message);
        err.flush();
    }
}
