package vaa.query;

import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Struct;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JDBC values as the plain Java a {@link ResultSink} gets: what Jackson writes as JSON and a table prints as text. */
final class SqlValues {
    private SqlValues() {}

    static Object plain(Object v) throws SQLException {
        if (v == null || v instanceof Boolean || v instanceof String || v instanceof Number) {
            return v;
        }
        if (v instanceof java.sql.Timestamp t) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t.toLocalDateTime());
        }
        if (v instanceof LocalDateTime t) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
        }
        if (v instanceof OffsetDateTime t) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (v instanceof LocalDate || v instanceof LocalTime || v instanceof OffsetTime || v instanceof java.sql.Time) {
            return v.toString();
        }
        if (v instanceof Array a) {
            return plainList((Object[]) a.getArray());
        }
        if (v instanceof Object[] items) {
            return plainList(items);
        }
        if (v instanceof Struct s) {
            return plainStruct(s);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(plain(e.getKey())), plain(e.getValue()));
            }
            return out;
        }
        if (v instanceof Blob b) {
            return Base64.getEncoder().encodeToString(b.getBytes(1, (int) b.length()));
        }
        if (v instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return v.toString(); // UUID, INTERVAL, ENUM...: their text
    }

    private static List<Object> plainList(Object[] items) throws SQLException {
        List<Object> out = new ArrayList<>(items.length);
        for (Object item : items) {
            out.add(plain(item));
        }
        return out;
    }

    /** A struct with its field names when the driver gives them (DuckDB's does, as a map). */
    private static Object plainStruct(Struct s) throws SQLException {
        if (s instanceof org.duckdb.DuckDBStruct d) {
            return plain(d.getMap());
        }
        return plainList(s.getAttributes());
    }
}
