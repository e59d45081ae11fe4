package vaa.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vaa.VaaException;
import vaa.compare.RunExport;
import vaa.query.ParquetExport;
import vaa.run.Run;

/** {@code vaa runs export}: every (or the named) run's per-call results as one table. Reads only. */
@Command(name = "export", description = {"Write one table of per-call results over all runs (or the named ones), oldest run"
        + " first, one row per analysed or failed call: run_id, run_created_at, call_id, outcome, rates' flags, sentiment,"
        + " friction and agent-error counts and categories, latency, talk ratio, model, prompt...",
        "CSV by default (lists joined with ';'), JSON Lines with --format jsonl, Parquet (typed columns: timestamps,"
        + " booleans, numbers, lists; for DuckDB, pandas, Spark, BigQuery) with --format parquet --out FILE;"
        + " stdout unless --out."})
final class RunsExportCommand extends BaseCommand {
    @Option(names = "--runs", paramLabel = "RUN", split = ",", description = "Only these runs (ids or directories), in this order.")
    List<String> runs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (atomically: the whole table or nothing) instead of stdout.")
    Path outFile;

    @Option(names = "--format", paramLabel = "csv|jsonl|parquet", defaultValue = "csv",
            description = "csv, jsonl or parquet (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        RunExport.Format f = RunExport.Format.parse(format);
        List<Run> selected = RunExport.select(context().runStore(), runs, "export");
        if (outFile == null) {
            try {
                RunExport.write(selected, f, out());
            } catch (IOException e) {
                throw VaaException.failure("Cannot write the export: " + e.getMessage(), e);
            }
            return 0;
        }
        Path target = context().workspace().resolve(outFile);
        RunExport.Summary s = f == RunExport.Format.PARQUET
                ? ParquetExport.writeFile(context().runStore(), selected, target)
                : RunExport.writeFile(selected, f, target);
        out().println("Exported " + s.rows() + " call" + (s.rows() == 1 ? "" : "s") + " from " + s.runs() + " run"
                + (s.runs() == 1 ? "" : "s") + " to " + context().runStore().displayPath(target));
        return 0;
    }
}
