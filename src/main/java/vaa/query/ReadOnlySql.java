package vaa.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import vaa.VaaException;
import vaa.io.Json;
import org.duckdb.DuckDBConnection;

/**
 * Lets through exactly one reading statement. DuckDB's own parser decides, not a keyword list:
 * {@code json_serialize_sql} parses the text and serialises only SELECT statements — which includes
 * WITH, FROM-first, VALUES, TABLE, DESCRIBE, SHOW and SUMMARIZE, which DuckDB rewrites to SELECTs —
 * and answers an error for anything else (COPY, ATTACH, INSTALL, LOAD, SET, PRAGMA, CALL, EXPORT, DML, DDL,
 * EXPLAIN, PIVOT — even inside a SELECT, as DuckDB plans it as more than one statement: use
 * {@code count(*) FILTER (WHERE ...)} instead). Nothing is run while checking. Counting the statements matters too: the
 * JDBC driver runs every statement of a multi-statement text, so "select 1; copy ..." must never reach it.
 */
final class ReadOnlySql {
    static final String ONLY_READING = "Only one reading statement is accepted: SELECT (or WITH ..., FROM ..., VALUES, TABLE,"
            + " DESCRIBE, SHOW, SUMMARIZE) over the tables calls and runs";

    private ReadOnlySql() {}

    /** Returns normally for one reading statement; otherwise a usage error (exit 2) saying why. */
    static void check(DuckDBConnection conn, String sql) {
        if (sql == null || sql.isBlank()) {
            throw VaaException.usage("No SQL given. Example: vaa runs query \"select run_id, count(*) from calls group by 1\"");
        }
        JsonNode parsed;
        try (PreparedStatement ps = conn.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
            ps.setString(1, sql);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                parsed = Json.MAPPER.readTree(rs.getString(1));
            }
        } catch (SQLException e) {
            throw VaaException.failure("Cannot check the statement: " + CallsDatabase.firstLine(e), e);
        } catch (JsonProcessingException e) {
            throw VaaException.failure("Cannot check the statement: the parser's answer is not JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (parsed.path("error").asBoolean(false)) {
            if ("parser".equals(parsed.path("error_type").asText())) {
                throw VaaException.usage("SQL syntax error: " + parsed.path("error_message").asText());
            }
            throw VaaException.usage(ONLY_READING + ".");
        }
        int statements = parsed.path("statements").size();
        if (statements != 1) {
            throw VaaException.usage(ONLY_READING + (statements == 0 ? " (the text holds none)." : "; this text holds " + statements + "."));
        }
    }
}
