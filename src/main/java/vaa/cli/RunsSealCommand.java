package vaa.cli;

import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import vaa.run.Run;

/** {@code vaa runs seal RUN}: a partial run kept as it is, its failed calls included. */
@Command(name = "seal", description = {"Seal a partial run as it is: every stage ran but some calls failed, and you keep it"
        + " that way. From then on its files are never rewritten and --retry-failed is refused; vaa run --from RUN starts a"
        + " new run on the same calls.",
        "A run seals itself when every stage completes with no call left failed; a run with stages still to do is finished"
        + " with vaa run --run-id RUN --resume instead."})
final class RunsSealCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "RUN", description = "Run id (or a directory path, with a '/').")
    String runArg;

    @Override
    public Integer call() {
        Run run = context().runStore().named(runArg);
        OptionalInt failed = run.sealAsIs();
        if (failed.isEmpty()) {
            out().println("Run " + run.id() + " is sealed already.");
            return 0;
        }
        int n = failed.getAsInt();
        out().println(style().bold("Run " + run.id() + " sealed") + " with " + n + " call" + (n == 1 ? "" : "s")
                + " failed; its files are never rewritten from now on.");
        out().println(style().dim("Next: vaa run --from " + run.id() + " (the same calls, other options) or vaa runs show " + run.id()));
        return 0;
    }
}
