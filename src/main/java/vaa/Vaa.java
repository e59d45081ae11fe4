package vaa;

import java.io.PrintWriter;
import picocli.CommandLine;
import vaa.cli.VaaCommand;

/** Entry point: builds the command line around a context and maps every outcome to an exit code. */
public final class Vaa {
    private Vaa() {}

    public static void main(String[] args) {
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
        return commandLine(context, out, err).execute(args);
    }

    public static CommandLine commandLine(AppContext context, PrintWriter out, PrintWriter err) {
        VaaCommand root = new VaaCommand(context);
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(new ErrorHandler(root));
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(
                context.colorAllowed() ? CommandLine.Help.Ansi.AUTO : CommandLine.Help.Ansi.OFF));
        return cl;
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
            err.println(code == VaaException.INTERRUPTED ? message : root.style().red("ERROR: ") + message);
            if (root.verbose()) {
                ex.printStackTrace(err);
            }
            err.flush();
            return code;
        }
    }
}
