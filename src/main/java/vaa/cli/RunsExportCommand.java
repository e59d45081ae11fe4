package vaa.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vaa.VaaException;
import vaa.compare.RunExport;
import vaa.run.Run;
import vaa.run.RunStore;
import vaa.run.RunSummary;

/** {@code vaa runs export}: every (or the named) run's per-call results as one table. Reads only. */
@Command(name = "export", description = {"Write one table of per-call results over all runs (or the named ones), oldest run"
        + " first, one row per analysed or failed call: run_id, run_created_at, call_id, outcome, rates' flags, sentiment,"
        + " friction and agent-error counts and categories, latency, talk ratio, model, prompt...",
        "CSV by default (lists joined with ';'), JSON Lines with --format jsonl; stdout unless --out."})
final class RunsExportCommand extends BaseCommand {
    @Option(names = "--runs", paramLabel = "RUN", split = ",", description = "Only these runs (ids or directories), in this order.")
    List<String> runs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (atomically: the whole table or nothing) instead of stdout.")
    Path outFile;

    @Option(names = "--format", paramLabel = "csv|jsonl", defaultValue = "csv", description = "csv or jsonl (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        RunExport.Format f = RunExport.Format.parse(format);
        List<Run> selected = selected(context().runStore());
        if (outFile == null) {
            try {
                RunExport.write(selected, f, out());
            } catch (IOException e) {
                throw VaaException.failure("Cannot write the export: " + e.getMessage(), e);
            }
            return 0;
        }
        Path target = context().workspace().resolve(outFile);
        RunExport.Summary s = RunExport.writeFile(selected, f, target);
        out().println("Exported " + s.rows() + " call" + (s.rows() == 1 ? "" : "s") + " from " + s.runs() + " run"
                + (s.runs() == 1 ? "" : "s") + " to " + context().runStore().displayPath(target));
        return 0;
    }

    private List<Run> selected(RunStore store) {
        if (!runs.isEmpty()) {
            return runs.stream().map(String::strip).filter(r -> !r.isEmpty()).map(store::named).toList();
        }
        List<RunSummary> all = new ArrayList<>(store.list());
        if (all.isEmpty()) {
            throw VaaException.usage("No runs to export in runs/. Create one with: vaa run -n 20");
        }
        Collections.reverse(all); // list() is newest first; a table reads best in the order the runs were made
        return all.stream().map(r -> store.find(r.id()).orElseThrow()).toList();
    }
}
