package vaa.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import vaa.VaaException;
import vaa.analysis.AnalysisFiles;
import vaa.io.Json;
import vaa.run.Run;
import vaa.run.RunConfig;
import vaa.run.RunStore;
import vaa.run.RunSummary;

/**
 * {@code vaa runs export}: one table of per-call results over many runs — a row per call with an
 * analysis or a recorded failure, {@code run_id} and {@code run_created_at} first (seed 001's
 * {@code read_all_runs}). Columns never change order; new ones are only ever added at the end.
 * Rows are written as they are read, so a large export needs no more memory than a small one.
 */
public final class RunExport {
    /** The SQL-ish type a column has in Parquet and in {@code vaa runs query}; CSV and JSON Lines carry the same values as text or JSON. */
    public enum ColumnType { TEXT, TIMESTAMP, BOOLEAN, INTEGER, DOUBLE, TEXT_LIST }

    public record Column(String name, ColumnType type) {}

    /** Timestamps are local times without a zone, as vaa writes them ({@code 2026-01-21T14:30:00}). */
    public static final List<Column> TABLE = List.of(
            text("run_id"), col("run_created_at", ColumnType.TIMESTAMP), text("call_id"), text("judgement_status"), text("outcome"),
            col("task_completed", ColumnType.BOOLEAN), col("escalation_requested", ColumnType.BOOLEAN), text("sentiment_start"),
            text("sentiment_end"), text("customer_intent"), col("friction_count", ColumnType.INTEGER),
            col("friction_categories", ColumnType.TEXT_LIST), col("agent_error_count", ColumnType.INTEGER),
            col("agent_error_categories", ColumnType.TEXT_LIST), col("agent_response_latency_p50_s", ColumnType.DOUBLE),
            col("agent_response_latency_p95_s", ColumnType.DOUBLE), col("duration_s", ColumnType.DOUBLE),
            col("agent_talk_ratio", ColumnType.DOUBLE), col("interruptions", ColumnType.INTEGER), col("utterances", ColumnType.INTEGER),
            text("model"), text("prompt_name"), col("prompt_version", ColumnType.INTEGER), col("analysed_at", ColumnType.TIMESTAMP),
            text("parent_run"), col("prompt_tokens", ColumnType.INTEGER), col("cached_tokens", ColumnType.INTEGER),
            col("completion_tokens", ColumnType.INTEGER), col("cost_usd", ColumnType.DOUBLE));

    public static final List<String> COLUMNS = TABLE.stream().map(Column::name).toList();

    /**
     * CSV (RFC 4180 quoting, lists joined with ';', text that a spreadsheet would take for a formula
     * prefixed with {@code '}), JSON Lines (typed values as written, lists as arrays) or Parquet (typed
     * columns, written by the query package's ParquetExport: it needs the SQL engine).
     */
    public enum Format {
        CSV, JSONL, PARQUET;

        public static Format parse(String s) {
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw VaaException.usage("Unknown export format '" + s + "' (use csv, jsonl or parquet)");
            }
        }
    }

    /** Threads reading analyses ahead of the writer: the machine's cores, at most 4 (the disk is the limit beyond). */
    private static final int READERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private static final int AHEAD = 512;

    /** How much was written. */
    public record Summary(int runs, long rows) {}

    private RunExport() {}

    /**
     * The runs named (ids or directories) in that order, or every run oldest first — a table reads best in
     * the order the runs were made. A usage error when there is none.
     */
    public static List<Run> select(RunStore store, List<String> names, String verb) {
        if (!names.isEmpty()) {
            return names.stream().map(String::strip).filter(r -> !r.isEmpty()).map(store::named).toList();
        }
        List<RunSummary> all = new ArrayList<>(store.list());
        if (all.isEmpty()) {
            throw VaaException.usage("No runs to " + verb + " in runs/. Create one with: vaa run -n 20");
        }
        Collections.reverse(all); // list() is newest first
        return all.stream().map(r -> store.find(r.id()).orElseThrow()).toList();
    }

    public static Summary write(List<Run> runs, Format format, Writer out) throws IOException {
        if (format == Format.PARQUET) {
            throw VaaException.usage("Parquet is a binary file: write it with --out FILE");
        }
        if (format == Format.CSV) {
            out.write(String.join(",", COLUMNS));
            out.write('\n');
        }
        Summary summary;
        try {
            summary = forEachRow(runs, row -> {
                try {
                    out.write(format == Format.CSV ? csvLine(row) : row.toString());
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
        return summary;
    }

    /**
     * Every row of the table, run by run in the order given (a run named twice once), each call in
     * call-id order; rows hold the {@link #COLUMNS} as JSON values (null where unknown). One analysis
     * is parsed at a time.
     */
    public static Summary forEachRow(List<Run> runs, Consumer<ObjectNode> sink) {
        long rows = 0;
        Set<Path> seen = new LinkedHashSet<>();
        ExecutorService readers = Executors.newFixedThreadPool(READERS, r -> {
            Thread t = new Thread(r, "vaa-export-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Run run : runs) {
                if (!seen.add(run.dir())) {
                    continue; // a run named twice is exported once
                }
                rows += rowsOf(run, run.config(), readers, sink);
            }
        } finally {
            readers.shutdownNow();
        }
        return new Summary(seen.size(), rows);
    }

    /**
     * Reading and parsing many small analysis files is most of an export's time, so a pool reads ahead while
     * the caller consumes the rows, still in call-id order and never more than {@link #AHEAD} rows in memory.
     */
    private static long rowsOf(Run run, RunConfig config, ExecutorService readers, Consumer<ObjectNode> sink) {
        Deque<Future<ObjectNode>> ahead = new ArrayDeque<>();
        long count = 0;
        for (Path file : AnalysisFiles.list(run)) {
            ahead.add(readers.submit(() -> row(run, config, file)));
            if (ahead.size() >= AHEAD) {
                sink.accept(next(ahead));
                count++;
            }
        }
        while (!ahead.isEmpty()) {
            sink.accept(next(ahead));
            count++;
        }
        return count;
    }

    private static ObjectNode next(Deque<Future<ObjectNode>> ahead) {
        try {
            return ahead.poll().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaaException(VaaException.INTERRUPTED, "Interrupted while reading analyses", e);
        }
    }

    /** A file of analyses/ as a row: an analysis, a recorded failure ({@code <id>.error.json}) or an unreadable file. */
    private static ObjectNode row(Run run, RunConfig config, Path file) {
        if (AnalysisFiles.isError(file)) {
            return row(run, config, callId(file), null, "failed");
        }
        try {
            return row(run, config, callId(file), Json.MAPPER.readTree(file.toFile()), null);
        } catch (IOException e) {
            return row(run, config, callId(file), null, "unreadable");
        }
    }

    /** The call id a file in analyses/ belongs to. */
    static String callId(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - (AnalysisFiles.isError(file) ? AnalysisFiles.ERROR_SUFFIX : ".json").length());
    }

    /** Writes a temp file next to {@code file}, forces it to disk and renames it: readers see the old file or the whole new one. */
    public static Summary writeFile(List<Run> runs, Format format, Path file) {
        if (format == Format.PARQUET) {
            throw new IllegalArgumentException("Parquet is written by the query package's ParquetExport");
        }
        Path target = file.toAbsolutePath();
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
            if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // temp files start owner-only; an export is meant to be shared like any other result
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Summary summary;
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream os = Channels.newOutputStream(ch);
                 Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16)) {
                summary = write(runs, format, w);
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return summary;
        } catch (IOException e) {
            throw withoutTemp(temp, VaaException.failure("Cannot write " + file + ": " + e.getMessage(), e));
        } catch (RuntimeException e) {
            throw withoutTemp(temp, e);
        }
    }

    /** A failed export leaves the previous file as it was and no temp file behind. */
    private static RuntimeException withoutTemp(Path temp, RuntimeException failure) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
        return failure;
    }

    /** One row; {@code problem} ("failed", "unreadable") stands in for the judgement status when there is no analysis. */
    private static Column text(String name) {
        return new Column(name, ColumnType.TEXT);
    }

    private static Column col(String name, ColumnType type) {
        return new Column(name, type);
    }

    private static ObjectNode row(Run run, RunConfig config, String callId, JsonNode doc, String problem) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("run_id", run.id());
        r.put("run_created_at", config.createdAt());
        r.put("call_id", callId);
        r.put("judgement_status", problem != null ? problem
                : doc.path("judgement_status").asText(doc.path("judgement").isObject() ? "ok" : "skipped"));
        JsonNode j = doc == null ? Json.MAPPER.missingNode() : doc.path("judgement");
        JsonNode s = doc == null ? Json.MAPPER.missingNode() : doc.path("structural");
        JsonNode p = doc == null ? Json.MAPPER.missingNode() : doc.path("provenance");
        copy(r, "outcome", j.path("outcome"));
        copy(r, "task_completed", j.path("task_completed"));
        copy(r, "escalation_requested", j.path("escalation_requested"));
        copy(r, "sentiment_start", j.path("sentiment_start"));
        copy(r, "sentiment_end", j.path("sentiment_end"));
        copy(r, "customer_intent", j.path("customer_intent"));
        categories(r, "friction", j.path("friction_points"));
        categories(r, "agent_error", j.path("agent_errors"));
        copy(r, "agent_response_latency_p50_s", s.path("agent_response_latency_p50_s"));
        copy(r, "agent_response_latency_p95_s", s.path("agent_response_latency_p95_s"));
        copy(r, "duration_s", s.path("duration_s"));
        copy(r, "agent_talk_ratio", s.path("agent_talk_ratio"));
        copy(r, "interruptions", s.path("interruptions"));
        copy(r, "utterances", s.path("utterances"));
        copy(r, "model", p.path("model"));
        copy(r, "prompt_name", p.path("prompt_name"));
        copy(r, "prompt_version", p.path("prompt_version"));
        copy(r, "analysed_at", doc == null ? Json.MAPPER.missingNode() : doc.path("analysed_at"));
        r.put("parent_run", config.parentRun());
        copy(r, "prompt_tokens", p.path("usage").path("prompt_tokens"));
        copy(r, "cached_tokens", p.path("usage").path("cached_tokens"));
        copy(r, "completion_tokens", p.path("usage").path("completion_tokens"));
        // null, never 0, when the model had no price (or the file predates priced calls)
        copy(r, "cost_usd", p.path("cost_usd"));
        return r;
    }

    private static void copy(ObjectNode row, String column, JsonNode value) {
        if (value.isMissingNode() || value.isContainerNode()) {
            row.putNull(column);
        } else {
            row.set(column, value);
        }
    }

    /** {@code <prefix>_count} and the distinct categories in the order they occur; both null when not judged. */
    private static void categories(ObjectNode row, String prefix, JsonNode items) {
        if (!items.isArray()) {
            row.putNull(prefix + "_count");
            row.putNull(prefix + "_categories");
            return;
        }
        row.put(prefix + "_count", items.size());
        Set<String> distinct = new LinkedHashSet<>();
        items.forEach(i -> distinct.add(i.path("category").asText("uncategorised")));
        ArrayNode list = row.putArray(prefix + "_categories");
        distinct.forEach(list::add);
    }

    static String csvLine(ObjectNode row) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < COLUMNS.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            JsonNode v = row.path(COLUMNS.get(i));
            String text;
            if (v.isArray()) {
                StringBuilder joined = new StringBuilder();
                v.forEach(x -> joined.append(joined.length() > 0 ? ";" : "").append(x.asText()));
                text = inert(joined.toString());
            } else if (v.isTextual()) {
                text = inert(v.asText());
            } else {
                text = v.isNull() || v.isMissingNode() ? "" : v.asText();
            }
            b.append(csvField(text));
        }
        return b.toString();
    }

    /** A CSV cell for text: neutralised as a formula, then quoted. */
    public static String csvText(String text) {
        return csvField(inert(text));
    }

    /**
     * Text a spreadsheet would run as a formula (model-written text such as {@code =HYPERLINK(...)})
     * gets a leading {@code '}, as OWASP recommends against CSV injection. Only text: numbers are
     * written by {@link #csvLine} as numbers, so a negative latency stays {@code -0.5}.
     */
    static String inert(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
    static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
