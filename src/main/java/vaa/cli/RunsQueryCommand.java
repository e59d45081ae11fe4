package vaa.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vaa.compare.RunExport;
import vaa.query.CallsDatabase;
import vaa.query.QueryOutput;
import vaa.query.ResultSink;
import vaa.ui.QueryTableView;

/** {@code vaa runs query "SQL"}: one reading SQL statement over every run's per-call results. Reads only. */
@Command(name = "query", description = {"Run one SQL query (DuckDB's dialect) over every run's per-call results (or the named"
        + " runs'): table calls has the columns of vaa runs export, typed (run_id, run_created_at, call_id, outcome,"
        + " task_completed, friction_categories as a list...); table runs has one row per run.",
        "Only reading statements (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE); the engine reads no file and"
        + " writes none. Example: vaa runs query \"select run_id, avg(task_completed::int) from calls group by 1\"",
        "Prints a table (decimals rounded for reading); --json prints an array of row objects, --csv a CSV."})
final class RunsQueryCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "SQL", description = "The statement, in quotes.")
    String sql;

    @Option(names = "--runs", paramLabel = "RUN", split = ",", description = "Only these runs (ids or directories), in this order.")
    List<String> runs = new ArrayList<>();

    @ArgGroup(exclusive = true)
    Output output = new Output();

    static final class Output {
        @Option(names = "--json", description = "Print a JSON array of row objects keyed by column name.")
        boolean json;

        @Option(names = "--csv", description = "Print CSV: a header line, then a line per row.")
        boolean csv;
    }

    @Override
    public Integer call() {
        ResultSink sink = output.json ? QueryOutput.json(out()) : output.csv ? QueryOutput.csv(out()) : new QueryTableView(out(), style());
        try (CallsDatabase db = CallsDatabase.open()) {
            db.check(sql); // a statement that will be refused is refused before any run is read
            db.load(context().runStore(), RunExport.select(context().runStore(), runs, "query"));
            db.query(sql, sink);
        }
        return 0;
    }
}
