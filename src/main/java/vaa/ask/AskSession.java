package vaa.ask;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import vaa.VaaException;
import vaa.run.Run;
import vaa.run.RunStore;
import vaa.run.RunSummary;

/**
 * The interactive loop of {@code vaa ask}: questions are answered one at a time, each on its own
 * (a follow-up retrieves afresh rather than leaning on earlier answers, so every answer's citations
 * are checked against exactly what it was shown). Lines starting with {@code /} are commands.
 * A failed question is reported and the session goes on; only end of input or {@code /quit} ends it.
 */
public final class AskSession {
    /** The runs a session may switch to. */
    public interface Runs {
        /** A run by id or path, as {@code --run-id}/{@code --run-dir} would name it; exit-2 VaaException if there is none. */
        Run named(String idOrPath);

        List<String> ids();

        /** The runs of a workspace's store. */
        static Runs of(RunStore store) {
            return of(store::named, () -> store.list().stream().map(RunSummary::id).toList());
        }

        static Runs of(Function<String, Run> named, Supplier<List<String>> ids) {
            return new Runs() {
                @Override
                public Run named(String idOrPath) {
                    return named.apply(idOrPath);
                }

                @Override
                public List<String> ids() {
                    return ids.get();
                }
            };
        }
    }

    public static final List<String> COMMANDS = List.of("/help", "/run", "/quit");

    private final AskSetup setup;
    private final AskConsole console;
    private final Runs runs;
    private AskEngine engine;

    public AskSession(AskSetup setup, AskConsole console, Runs runs) {
        this.setup = setup;
        this.console = console;
        this.runs = runs;
    }

    /** Opens the first run (its failure ends the command, with its exit code) and answers until the end. */
    public void run(Run first) {
        engine = AskEngine.open(first, setup);
        try {
            console.opened(engine);
            while (true) {
                Optional<String> line = console.readLine(engine.run().id());
                if (line.isEmpty()) {
                    return;
                }
                String s = line.get().strip();
                if (s.isEmpty()) {
                    continue;
                }
                if (s.startsWith("/")) {
                    if (!command(s)) {
                        return;
                    }
                } else {
                    ask(s);
                }
            }
        } finally {
            engine.close();
        }
    }

    /** False when the session should end. */
    private boolean command(String line) {
        String[] parts = line.split("\\s+", 2);
        String arg = parts.length > 1 ? parts[1].strip() : "";
        switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "/quit", "/exit", "/q" -> {
                return false;
            }
            case "/help", "/?" -> console.help();
            case "/run" -> switchRun(arg);
            default -> console.error("Unknown command " + parts[0] + ". Type /help for the commands.");
        }
        return true;
    }

    private void switchRun(String arg) {
        if (arg.isEmpty()) {
            console.runs(runs.ids(), engine.run().id());
            return;
        }
        AskEngine next;
        try {
            next = AskEngine.open(runs.named(arg), setup);
        } catch (VaaException e) {
            console.error(e.getMessage());
            return;
        }
        engine.close();
        engine = next;
        console.opened(next);
    }

    private void ask(String question) {
        try {
            console.answered(engine.ask(question, console));
        } catch (VaaException e) {
            if (e.exitCode() == VaaException.INTERRUPTED) {
                console.cancelled();
            } else {
                console.error(e.getMessage());
            }
        } finally {
            // Ctrl+C interrupts this thread only to stop the answer; the next question starts clean
            Thread.interrupted();
        }
    }
}
