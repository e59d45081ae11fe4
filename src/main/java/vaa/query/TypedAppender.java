package vaa.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import vaa.VaaException;
import vaa.compare.RunExport.Column;
import vaa.compare.RunExport.ColumnType;

/** Appends JSON rows to a table as its columns' types: DuckDB's appender, the fast way in (no SQL per row). */
final class TypedAppender implements AutoCloseable {
    /** A run's calls share run_created_at and mostly a handful of analysed_at seconds: parse each text once. */
    private static final int TIMES_KEPT = 4096;

    private final DuckDBAppender appender;
    private final List<Column> columns;
    private final Map<String, LocalDateTime> times = new HashMap<>();

    TypedAppender(DuckDBConnection conn, String table, List<Column> columns) throws SQLException {
        this.appender = conn.createAppender("main", table);
        this.columns = columns;
    }

    void append(ObjectNode row) {
        try {
            appender.beginRow();
            for (Column c : columns) {
                appendValue(c.type(), row.path(c.name()));
            }
            appender.endRow();
        } catch (SQLException e) {
            throw VaaException.failure("Cannot load call " + row.path("call_id").asText(row.path("run_id").asText()) + ": "
                    + CallsDatabase.firstLine(e), e);
        }
    }

    @Override
    public void close() throws SQLException {
        appender.close();
    }

    /** A value of the wrong JSON type (a model that wrote "yes" for a boolean) is unknown, not an error. */
    private void appendValue(ColumnType type, JsonNode v) throws SQLException {
        if (v.isNull() || v.isMissingNode()) {
            appender.appendNull();
            return;
        }
        switch (type) {
            case TEXT -> appender.append(v.isValueNode() ? v.asText() : v.toString());
            case BOOLEAN -> appendIf(v.isBoolean(), () -> appender.append(v.booleanValue()));
            case INTEGER -> appendIf(v.isNumber() && v.canConvertToInt() && v.doubleValue() == Math.rint(v.doubleValue()),
                    () -> appender.append(v.intValue()));
            case DOUBLE -> appendIf(v.isNumber(), () -> appender.append(v.doubleValue()));
            case TIMESTAMP -> {
                LocalDateTime t = time(v.asText());
                appendIf(t != null, () -> appender.append(t));
            }
            case TEXT_LIST -> {
                List<String> items = new ArrayList<>(v.size());
                v.forEach(x -> items.add(x.asText()));
                appender.append(items);
            }
        }
    }

    private interface Append {
        void run() throws SQLException;
    }

    private void appendIf(boolean valid, Append append) throws SQLException {
        if (valid) {
            append.run();
        } else {
            appender.appendNull();
        }
    }

    private LocalDateTime time(String text) {
        LocalDateTime t = times.get(text);
        if (t == null && !times.containsKey(text)) {
            if (times.size() >= TIMES_KEPT) {
                times.clear();
            }
            t = timestamp(text);
            times.put(text, t);
        }
        return t;
    }

    /** vaa writes local times without a zone; a time written with an offset keeps its wall-clock reading. */
    static LocalDateTime timestamp(String text) {
        try {
            return LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toLocalDateTime();
            } catch (DateTimeParseException notOffset) {
                return null;
            }
        }
    }
}
