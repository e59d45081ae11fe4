package vaa.cli;

import java.util.List;
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
        String name = name(args);
        if (name != null && !name.equals("help") && !name.equals("completion")) {
            for (Class<?> c : ALL) {
                if (c.getAnnotation(Command.class).name().equals(name)) {
                    return List.of(c);
                }
            }
        }
        return ALL;
    }

    public static boolean callsAModel(String... args) {
        String name = name(args);
        return name != null && MODEL_COMMANDS.contains(name);
    }

    /** Whether the command streams its model's answers (its TTFT matters) rather than asking for whole answers (analyses, insights). */
    public static boolean streamsAnswers(String... args) {
        String name = name(args);
        return "ask".equals(name) || "assist".equals(name);
    }

    /**
     * The first word that is not an option (the root's own options take no value), or null. Loops, not streams: this
     * runs first in every process, and {@code vaa --help} would load the stream classes for it alone.
     */
    private static String name(String... args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }
}
