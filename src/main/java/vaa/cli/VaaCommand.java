package vaa.cli;

import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vaa.AppContext;
import vaa.ui.ConsoleLine;
import vaa.ui.Style;

/** The root {@code vaa} command: global flags; its subcommands are {@link Commands#ALL}. */
@Command(name = "vaa",
        mixinStandardHelpOptions = true,
        versionProvider = VaaCommand.Version.class,
        description = "Voice Agent Analytics: turn recorded call transcripts into answers.",
        footer = {"", "The current directory is the workspace (runs/, customer_data/, .env).",
                "Exit codes: 0 ok, 1 failure, 2 bad usage or input, 130 interrupted."})
public final class VaaCommand implements Runnable {
    private final AppContext context;
    // the live progress bar's line on stderr, shared by every bar and message of the command
    private final ConsoleLine consoleLine = new ConsoleLine(new PrintStream(System.err, true));

    @Spec
    CommandSpec spec;

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "Plain output without colours (also: NO_COLOR=1).")
    boolean noColor;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Show details, including stack traces of errors.")
    boolean verbose;

    public VaaCommand(AppContext context) {
        this.context = context;
    }

    public AppContext context() {
        return context;
    }

    public boolean verbose() {
        return verbose;
    }

    public ConsoleLine consoleLine() {
        return consoleLine;
    }

    public Style style() {
        return new Style(!noColor && context.colorAllowed());
    }

    /** The style for stderr: no colour codes when it is not a terminal ({@code 2>run.log}), even when stdout is one. */
    public Style errStyle() {
        return new Style(!noColor && context.colorAllowed() && context.terminals().stderrIsTerminal());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version the jar was built with. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = VaaCommand.class.getPackage().getImplementationVersion();
            return new String[] {"vaa " + (v == null ? "dev" : v)};
        }
    }
}
