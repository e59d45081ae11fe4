package vaa.ui;

import java.io.IOException;
import java.util.function.Supplier;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.exec.ExecTerminalProvider;
import org.jline.terminal.spi.SystemStream;
import org.jline.utils.OSUtils;
import vaa.VaaException;

/**
 * Builds the one JLine terminal of the process, lazily: commands that never ask anything and never
 * draw a progress bar never pay for it. Closed by the root when the command ends.
 *
 * <p>Ctrl+C stays vaa's: JLine's default would put the operating system's default back for SIGINT,
 * which ends the process on the spot (no "stopping after the calls in flight", no shutdown hooks,
 * status.json left "running"). So the terminal is built without taking over signals, and its own
 * SIGINT handler, which JLine reinstates after every line read, passes Ctrl+C to {@link Interrupts}.
 * No other code may open a JLine terminal; the progress bar asks this one for its width.
 */
public final class Terminals implements AutoCloseable {
    private Terminal terminal;
    private LineReader reader;

    public synchronized Terminal terminal() {
        if (terminal == null) {
            try {
                terminal = leavingCtrlCToVaa(TerminalBuilder.builder().system(true));
            } catch (IOException e) {
                throw VaaException.failure("Cannot open the terminal: " + e.getMessage(), e);
            }
        }
        return terminal;
    }

    static Terminal leavingCtrlCToVaa(TerminalBuilder builder) throws IOException {
        Terminal built = builder.nativeSignals(false).build();
        built.handle(Terminal.Signal.INT, signal -> Interrupts.deliver());
        return built;
    }

    private Boolean stderrIsTerminal;

    /**
     * Whether stderr, where the progress bar is drawn, is a terminal: {@code vaa run 2>run.log} typed at a terminal
     * gets plain progress lines in its log, not a bar's carriage returns. Asked once (JLine runs {@code tty} for it);
     * where JLine cannot tell (Windows without a native provider) it is taken to be one, as before.
     */
    public synchronized boolean stderrIsTerminal() {
        if (stderrIsTerminal == null) {
            stderrIsTerminal = OSUtils.IS_WINDOWS || new ExecTerminalProvider().isSystemStream(SystemStream.Error);
        }
        return stderrIsTerminal;
    }

    /** Columns for the progress bar; 80 when the terminal does not say. */
    public int width() {
        int columns = terminal().getWidth();
        return columns >= 10 ? columns : 80;
    }

    public synchronized LineReader reader() {
        if (reader == null) {
            reader = LineReaderBuilder.builder().terminal(terminal()).build();
        }
        return reader;
    }

    /**
     * Runs {@code block} with Ctrl+C at the terminal routed to {@code onInterrupt}, then puts the
     * previous handler back. A terminal never opened leaves SIGINT to the runtime (and so to its
     * shutdown hooks), so it is not opened here just for this.
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
