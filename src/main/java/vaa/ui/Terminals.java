package vaa.ui;

import java.io.IOException;
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
