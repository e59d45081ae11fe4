package vaa.query;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import vaa.VaaException;
import vaa.compare.RunExport;
import vaa.io.AtomicFiles;
import vaa.run.Run;
import vaa.run.RunStore;

/**
 * {@code vaa runs export --format parquet}: the export's table with typed columns — timestamps as
 * Parquet TIMESTAMP (microseconds, not adjusted to UTC: vaa's times carry no zone), booleans, INT32,
 * DOUBLE, lists of strings as standard 3-level LISTs — written by DuckDB's {@code COPY ... TO}
 * (Snappy), the engine {@code vaa runs query} already embeds, so Parquet costs no second library.
 */
public final class ParquetExport {
    private ParquetExport() {}

    /** The whole file or, on any failure, the previous one untouched and no temp file left behind. */
    public static RunExport.Summary writeFile(RunStore store, List<Run> runs, Path file) {
        try (CallsDatabase db = CallsDatabase.open()) {
            RunExport.Summary loaded = db.load(store, runs);
            AtomicFiles.replace(file.toAbsolutePath(), temp -> {
                Files.delete(temp); // DuckDB creates the file itself
                try {
                    db.copyCallsTo(temp);
                } catch (SQLException e) {
                    throw new IOException(CallsDatabase.firstLine(e), e);
                }
            });
            return loaded;
        } catch (IOException e) {
            throw VaaException.failure("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
