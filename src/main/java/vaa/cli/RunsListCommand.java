package vaa.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vaa.io.Json;
import vaa.run.RunSummary;
import vaa.ui.Style;

/** {@code vaa runs list}: every run, newest first. Reads only; never waits for a lock. */
@Command(name = "list", description = "List runs, newest first (* marks runs/latest).")
final class RunsListCommand extends BaseCommand {
    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    @Option(names = "--status", paramLabel = "STATUS", description = "Only runs with this overall status (e.g. completed, failed, in_progress).")
    String status;

    @Override
    public Integer call() {
        List<RunSummary> runs = context().runStore().list().stream()
                .filter(r -> status == null || status.equalsIgnoreCase(r.overallStatus()))
                .toList();
        if (json) {
            out().print(Json.pretty(runs));
            return 0;
        }
        if (runs.isEmpty()) {
            out().println(status == null ? "No runs yet. Create one with: vaa sample -n 20" : "No runs with status " + status + ".");
            return 0;
        }
        Style s = style();
        int idWidth = Math.max(6, runs.stream().mapToInt(r -> r.id().length()).max().orElse(6));
        String fmt = "%s %-" + idWidth + "s  %-16s  %-12s  %7s  %8s  %s%n";
        out().print(s.bold(String.format(fmt, " ", "RUN ID", "CREATED", "STATUS", "SAMPLED", "ANALYSED", "JUDGE").stripTrailing() + "\n"));
        for (RunSummary r : runs) {
            out().print(String.format(fmt, r.latest() ? "*" : " ", r.id(), r.createdAt().replace('T', ' ').substring(0, Math.min(16, r.createdAt().length())),
                    r.overallStatus(), r.sampled(), r.analysed(), r.judge()).stripTrailing() + "\n");
        }
        out().println(s.dim(runs.size() + " run" + (runs.size() == 1 ? "" : "s") + "; * = runs/latest"));
        return 0;
    }
}
