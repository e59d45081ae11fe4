package vaa.ui;

import java.io.IOException;
import java.util.function.Supplier;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import vaa.VaaException;

/**
 * Builds the one JLine terminal of the process, lazily: commands that never ask anything never
 * pay for it. Closed by the root when the command ends.
 */
public final class Terminals implements AutoCloseable {
    private Terminal terminal;
    private LineReader reader;

    public synchronized Terminal terminal() {
        if (terminal == null) {
            try {
                terminal = TerminalBuilder.builder().system(true).build();
            } catch (IOException e) {
                throw VaaException.failure("Cannot open the terminal: " + e.getMessage(), e);
            }
        }
        return terminal;
    }

    public synchronized LineReader reader() {
        if (reader == null) {
            reader = LineReaderBuilder.builder().terminal(terminal()).build();
        }
        return reader;
    }

    /**
     * Runs {@code block} with Ctrl+C at the terminal routed to {@code onInterrupt}, then puts the
     * previous handler back. Once JLine's terminal is open it owns SIGINT, and its default would end
     * the process without the runtime's shutdown hooks; a terminal never opened leaves SIGINT to the
     * runtime, so it is not opened here just for this.
     */
    public <T> T interruptible(Runnable onInterrupt, Supplier<T> block) {
        Terminal open;
        synchronized (this) {
            open = terminal;
        }
        return open == null ? block.get() : routed(open, onInterrupt, block);
    }

    static <T> T routed(Terminal terminal, Runnable onInterrupt, Supplier<T> block) {
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> onInterrupt.run());
        try {
            return block.get();
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
        }
    }

    @Override
    public synchronized void close() {
        if (terminal != null) {
            try {
                terminal.close();
            } catch (IOException e) {
                throw VaaException.failure("Cannot close the terminal: " + e.getMessage(), e);
            }
        }
    }
}
