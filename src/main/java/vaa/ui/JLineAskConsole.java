package vaa.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import vaa.ask.AskConsole;
import vaa.ask.AskContext;
import vaa.ask.AskEngine;
import vaa.ask.AskResult;
import vaa.ask.AskSession;

/**
 * The {@code vaa ask} session on a JLine terminal: line editing, history in a workspace file,
 * completion of commands and run ids, answers printed as they stream. Ctrl+C while an answer
 * streams stops that answer (the session goes on); Ctrl+C at the prompt clears the line, as in a
 * shell; Ctrl+D leaves.
 */
public final class JLineAskConsole implements AskConsole, AutoCloseable {
    public static final String HISTORY_FILE = ".vaa_ask_history";

    private final Terminal terminal;
    private final LineReader reader;
    private final AskView view;
    private final Style style;
    private final Terminal.SignalHandler previousInt;
    private volatile Thread answering;

    public JLineAskConsole(Terminal terminal, Path historyFile, Style style, Function<Path, String> display, Supplier<List<String>> runIds) {
        this.terminal = terminal;
        this.style = style;
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .variable(LineReader.HISTORY_FILE, historyFile)
                .completer(completer(runIds))
                .build();
        this.view = new AskView(terminal.writer(), style, display);
        // JLine takes SIGINT while reading a line; between lines it comes here, and only an answer in progress is stopped
        this.previousInt = terminal.handle(Terminal.Signal.INT, signal -> {
            Thread t = answering;
            if (t != null) {
                t.interrupt();
            }
        });
    }

    @Override
    public Optional<String> readLine(String runId) {
        try {
            return Optional.of(reader.readLine(style.cyan("ask") + style.dim(" [" + runId + "]") + "> "));
        } catch (UserInterruptException e) {
            return Optional.of("");
        } catch (EndOfFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void opened(AskEngine engine) {
        view.opened(engine);
    }

    @Override
    public void modelStarting(AskContext context) {
        answering = Thread.currentThread();
        view.modelStarting(context);
    }

    @Override
    public void delta(String text) {
        view.delta(text);
    }

    @Override
    public void modelFinished() {
        answering = null;
    }

    @Override
    public void answered(AskResult result) {
        view.answered(result);
    }

    @Override
    public void cancelled() {
        view.cancelled();
    }

    @Override
    public void help() {
        view.help();
    }

    @Override
    public void runs(List<String> ids, String current) {
        view.runs(ids, current);
    }

    @Override
    public void error(String message) {
        view.error(message);
    }

    /** Commands after a leading slash, run ids after {@code /run}. */
    private static Completer completer(Supplier<List<String>> runIds) {
        return (reader, line, candidates) -> {
            if (line.wordIndex() == 0 && line.word().startsWith("/")) {
                AskSession.COMMANDS.forEach(c -> candidates.add(new Candidate(c)));
            } else if (line.wordIndex() == 1 && line.words().get(0).equals("/run")) {
                runIds.get().forEach(id -> candidates.add(new Candidate(id)));
            }
        };
    }

    @Override
    public void close() {
        terminal.handle(Terminal.Signal.INT, previousInt);
        terminal.writer().flush();
    }
}
