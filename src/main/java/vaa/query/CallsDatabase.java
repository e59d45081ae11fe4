package vaa.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;
import vaa.VaaException;
import vaa.compare.RunExport;
import vaa.compare.RunExport.Column;
import vaa.compare.RunExport.ColumnType;
import vaa.io.Json;
import vaa.run.Run;
import vaa.run.RunCost;
import vaa.run.RunStore;

/**
 * Runs' per-call results as two tables of an in-memory DuckDB database: {@code calls}, the columns of
 * {@code vaa runs export} with their types (one row per analysed or failed call), and {@code runs}, one
 * row per run. Rows go in through DuckDB's appender as each analysis is read, so the JVM holds one
 * document at a time; the tables themselves live in DuckDB's native memory.
 */
public final class CallsDatabase implements AutoCloseable {
    /**
     * The {@code runs} table: what {@code vaa runs list --json} shows, plus the run a fork came from and what its model
     * calls cost in USD (all stages; null when unknown).
     */
    static final List<Column> RUNS = List.of(new Column("run_id", ColumnType.TEXT), new Column("path", ColumnType.TEXT),
            new Column("created_at", ColumnType.TIMESTAMP), new Column("modified_at", ColumnType.TIMESTAMP),
            new Column("overall_status", ColumnType.TEXT), new Column("sampled", ColumnType.INTEGER),
            new Column("analysed", ColumnType.INTEGER), new Column("latest", ColumnType.BOOLEAN),
            new Column("parent_run", ColumnType.TEXT), new Column("cost_usd", ColumnType.DOUBLE));

    private final DuckDBConnection conn;
    private boolean lockedDown;

    private CallsDatabase(DuckDBConnection conn) {
        this.conn = conn;
    }

    /** A new in-memory database with the two tables, empty. */
    public static CallsDatabase open() {
        DuckDBConnection conn = connect();
        try {
            create(conn, "calls", RunExport.TABLE);
            create(conn, "runs", RUNS);
        } catch (SQLException e) {
            closeAfter(conn, e);
            throw VaaException.failure("Cannot create the query tables: " + firstLine(e), e);
        }
        return new CallsDatabase(conn);
    }

    /** Appends the runs, in the order given (a run named twice once), to the tables. */
    public RunExport.Summary load(RunStore store, List<Run> named) {
        Map<Path, Run> byDir = new LinkedHashMap<>();
        named.forEach(r -> byDir.putIfAbsent(r.dir(), r));
        List<Run> runs = List.copyOf(byDir.values());
        try {
            RunExport.Summary summary;
            try (TypedAppender calls = new TypedAppender(conn, "calls", RunExport.TABLE)) {
                summary = RunExport.forEachRow(runs, calls::append);
            }
            try (TypedAppender table = new TypedAppender(conn, "runs", RUNS)) {
                for (Run run : runs) {
                    ObjectNode row = Json.MAPPER.valueToTree(store.summarize(run));
                    row.put("parent_run", run.config().parentRun());
                    row.put("cost_usd", run.isLegacy() ? null : RunCost.of(run.observedStatus()).total());
                    table.append(row);
                }
            }
            return summary;
        } catch (SQLException e) {
            throw VaaException.failure("Cannot load the runs into the query engine: " + firstLine(e), e);
        }
    }

    /** Refuses (exit 2) anything but one reading statement, before any run is read. */
    public void check(String sql) {
        ReadOnlySql.check(conn, sql);
    }

    /**
     * Runs one reading statement ({@link ReadOnlySql}) with the database locked down and streams its
     * answer into {@code sink}; returns the number of rows. A statement DuckDB refuses (unknown column,
     * a file it may not read, a bad cast) is the user's input: a usage error with DuckDB's message.
     */
    public long query(String sql, ResultSink sink) {
        try {
            lockDown();
        } catch (SQLException e) {
            throw VaaException.failure("Cannot lock the query engine down: " + firstLine(e), e);
        }
        ReadOnlySql.check(conn, sql);
        long rows = 0;
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            int n = meta.getColumnCount();
            List<String> names = new ArrayList<>(n);
            List<String> types = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                names.add(meta.getColumnLabel(i));
                types.add(meta.getColumnTypeName(i));
            }
            sink.columns(names, types);
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(SqlValues.plain(rs.getObject(i)));
                }
                sink.row(row);
                rows++;
            }
            sink.end();
        } catch (SQLException e) {
            throw VaaException.usage("The query failed: " + explained(e));
        } catch (UncheckedIOException e) {
            throw VaaException.failure("Cannot write the answer: " + e.getCause().getMessage(), e);
        }
        return rows;
    }

    /** {@code COPY calls TO file (FORMAT parquet)}: Snappy, the codec every Parquet reader has. Before {@link #lockDown}. */
    void copyCallsTo(Path file) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute("COPY calls TO '" + file.toAbsolutePath().toString().replace("'", "''")
                    + "' (FORMAT parquet, COMPRESSION snappy)");
        }
    }

    /**
     * From here on the database reads nothing and writes nothing outside itself: no files (COPY, ATTACH,
     * read_csv('/any/path'), EXPORT DATABASE, extension installs), no spilling to a temp directory, and the
     * configuration is locked so a query cannot switch it back. Statements are also checked before they run
     * ({@link ReadOnlySql}); this is the second wall, for anything that check lets through.
     */
    void lockDown() throws SQLException {
        if (lockedDown) {
            return;
        }
        try (Statement s = conn.createStatement()) {
            s.execute("SET temp_directory = ''");
            s.execute("SET enable_external_access = false");
            s.execute("SET lock_configuration = true");
        }
        lockedDown = true;
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            throw VaaException.failure("Cannot close the query engine: " + firstLine(e), e);
        }
    }

    /**
     * DuckDB's whole message, which after its first line names the columns it would have taken ("Candidate
     * bindings") and points at the place in the statement (LINE 1 and a caret); for a name it does not know, where
     * the names are.
     */
    static String explained(SQLException e) {
        String m = String.valueOf(e.getMessage()).strip().replaceAll("\n\\s*\n", "\n");
        if (m.startsWith("Catalog Error") || m.startsWith("Binder Error") && m.contains("not found")) {
            m += "\nThe tables are calls and runs; their columns: vaa runs query \"describe calls\" (or \"describe runs\")";
        }
        return m;
    }

    static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage()).strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static void closeAfter(DuckDBConnection conn, Exception failure) {
        try {
            conn.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static DuckDBConnection connect() {
        Properties config = new Properties();
        // never fetch or load an extension behind the user's back: what the jar links in (json, parquet, icu) is all
        config.setProperty("autoinstall_known_extensions", "false");
        config.setProperty("autoload_known_extensions", "false");
        try {
            return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", config);
        } catch (SQLException e) {
            throw VaaException.failure("Cannot start the query engine (DuckDB): " + firstLine(e), e);
        }
    }

    private static void create(DuckDBConnection conn, String table, List<Column> columns) throws SQLException {
        String ddl = columns.stream().map(c -> '"' + c.name() + "\" " + sqlType(c.type())).collect(Collectors.joining(", "));
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE " + table + " (" + ddl + ")");
            // DuckDB's Parquet writer marks a column REQUIRED when the table's statistics say it never held a NULL,
            // so the schema would change with the data (BigQuery refuses to append a file whose column became
            // NULLABLE to a table made from one where it was REQUIRED). A row of NULLs, deleted at once, leaves
            // statistics that allow NULL everywhere: every column is OPTIONAL in every export.
            s.execute("INSERT INTO " + table + " DEFAULT VALUES");
            s.execute("DELETE FROM " + table);
        }
    }

    static String sqlType(ColumnType type) {
        return switch (type) {
            case TEXT -> "VARCHAR";
            case TIMESTAMP -> "TIMESTAMP";
            case BOOLEAN -> "BOOLEAN";
            case INTEGER -> "INTEGER";
            case DOUBLE -> "DOUBLE";
            case TEXT_LIST -> "VARCHAR[]";
        };
    }

}
