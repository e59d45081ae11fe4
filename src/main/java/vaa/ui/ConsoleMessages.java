package vaa.ui;

import java.io.PrintWriter;
import java.util.function.Supplier;
import vaa.io.MessageSink;

/** The CLI's message sink: notes to the info writer, side notes and warnings (marked) to stderr, each flushed at once. */
public final class ConsoleMessages implements MessageSink {
    private final PrintWriter info;
    private final PrintWriter err;
    private final Supplier<Style> errStyle;
    private final ConsoleLine line;

    /**
     * {@code errStyle} colours the warnings on stderr, asked only when there is one; {@code line} is the one a progress
     * bar of the same command draws on: a message wipes it first.
     */
    public ConsoleMessages(PrintWriter info, PrintWriter err, Supplier<Style> errStyle, ConsoleLine line) {
        this.info = info;
        this.err = err;
        this.errStyle = errStyle;
        this.line = line;
    }

    @Override
    public void info(String message) {
        print(info, message);
    }

    @Override
    public void note(String message) {
        print(err, message);
    }

    @Override
    public void warn(String message) {
        print(err, errStyle.get().yellow("[warn] ") + message);
    }

    private void print(PrintWriter to, String message) {
        line.print(() -> {
            to.println(message);
            to.flush();
        });
    }
}
