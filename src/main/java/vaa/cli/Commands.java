package vaa.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The subcommands of {@link VaaCommand}, and which of them a command line needs. */
public final class Commands {
    /** In the order the usage lists them. */
    static final List<Class<?>> ALL = List.of(RunCommand.class, SampleCommand.class, AnalyzeCommand.class, MetricsCommand.class,
            ExtractCommand.class, InsightsCommand.class, ReportCommand.class, AgreeCommand.class, AskCommand.class, RunsCommand.class, ModelsCommand.class,
            AssistCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class);

    /** The commands that call a model, for which the HTTP client is worth warming up while the command line is read. */
    private static final Set<String> MODEL_COMMANDS = Set.of("run", "analyze", "insights", "ask", "assist");

    private Commands() {}

    /**
     * The subcommands to register for a command line: only the one it names, as picocli builds the model of every
     * registered command up front (a fifth of the time to an analysis's first request); all of them when it names none
     * (the usage lists them, a typo gets suggestions), and for help and completion, which read the others.
     */
    public static List<Class<?>> needed(String... args) {
        Optional<String> name = name(args).filter(n -> !n.equals("help") && !n.equals("completion"));
        List<Class<?>> named = ALL.stream().filter(c -> name.isPresent() && c.getAnnotation(Command.class).name().equals(name.get())).toList();
        return named.isEmpty() ? ALL : named;
    }

    public static boolean callsAModel(String... args) {
        return name(args).filter(MODEL_COMMANDS::contains).isPresent();
    }

    /** The first word that is not an option: the root's own options take no value. */
    private static Optional<String> name(String... args) {
        return Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst();
    }
}
