package vaa;

import java.io.PrintWriter;
import picocli.CommandLine;
import vaa.cli.Commands;
import vaa.cli.VaaCommand;

/** Entry point: builds the command line around a context and maps every outcome to an exit code. */
public final class Vaa {
    private Vaa() {}

    public static void main(String[] args) {
        if (Commands.callsAModel(args)) {
            // openai-java's one-time start-up overlaps reading the command line and the run
            vaa.llm.LlmRuntime.warmUpInBackground(Commands.streamsAnswers(args));
        }
        int code;
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        try (AppContext context = AppContext.system()) {
            code = run(context, out, err, args);
        } finally {
            out.flush();
            err.flush();
        }
        System.exit(code);
    }

    public static int run(AppContext context, PrintWriter out, PrintWriter err, String... args) {
        // help and usage errors are drawn before the options are bound, so --no-color is looked for here
        boolean color = context.colorAllowed() && !java.util.Arrays.asList(args).contains("--no-color");
        return commandLine(context, out, err, color, Commands.needed(args)).execute(args);
    }

    public static CommandLine commandLine(AppContext context, PrintWriter out, PrintWriter err) {
        return commandLine(context, out, err, context.colorAllowed());
    }

    public static CommandLine commandLine(AppContext context, PrintWriter out, PrintWriter err, boolean color) {
        return commandLine(context, out, err, color, Commands.needed());
    }

    private static CommandLine commandLine(AppContext context, PrintWriter out, PrintWriter err, boolean color,
                                           java.util.List<Class<?>> commands) {
        VaaCommand root = new VaaCommand(context);
        CommandLine cl = new CommandLine(root);
        // before the settings below: picocli applies them to the subcommands registered so far
        commands.forEach(cl::addSubcommand);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(new ErrorHandler(root));
        cl.setParameterExceptionHandler(new UsageErrorHandler(root, color));
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(color ? CommandLine.Help.Ansi.AUTO : CommandLine.Help.Ansi.OFF));
        return cl;
    }

    /**
     * A mistyped option or value: the one line that matters, picocli's "did you mean" suggestions, and where the full
     * usage is, instead of the whole usage text burying the error (exit 2).
     */
    static final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
        private final VaaCommand root;
        private final boolean color;

        UsageErrorHandler(VaaCommand root, boolean color) {
            this.root = root;
            this.color = color;
        }

        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println(new vaa.ui.Style(color).red("ERROR: ") + ex.getMessage());
            if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
                java.util.List<String> names = new java.util.ArrayList<>(cmd.getSubcommands().keySet());
                names.addAll(cmd.getCommandSpec().optionsMap().keySet());
                java.util.List<String> near = vaa.run.RunIds.nearest(unmatched.getUnmatched().get(0), names, 3);
                if (!near.isEmpty()) {
                    err.println("Did you mean: " + String.join(", ", near) + "?");
                }
            }
            err.println("See: " + cmd.getCommandSpec().qualifiedName() + " --help");
            if (root.verbose()) {
                ex.printStackTrace(err);
            }
            err.flush();
            return VaaException.USAGE;
        }
    }

    /** The one place errors become messages: the message only, the stack trace with -v. */
    static final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
        private final VaaCommand root;

        ErrorHandler(VaaCommand root) {
            this.root = root;
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
            PrintWriter err = cmd.getErr();
            int code;
            String message;
            if (ex instanceof VaaException ve) {
                code = ve.exitCode();
                message = ve.getMessage();
            } else if (ex instanceof InterruptedException) {
                code = VaaException.INTERRUPTED;
                message = "Interrupted.";
            } else {
                code = VaaException.FAILURE;
                message = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
                        + (root.verbose() ? "" : " (run with -v for details)");
            }
            // a user's own cancel is not an error
            err.println(code == VaaException.INTERRUPTED ? message : root.errStyle().red("ERROR: ") + message);
            if (root.verbose()) {
                ex.printStackTrace(err);
            }
            err.flush();
            return code;
        }
    }
}
