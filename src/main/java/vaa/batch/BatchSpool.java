package vaa.batch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vaa.llm.BatchLimits;

/**
 * Request lines written to disk as they are made, one input file per batch as the {@link BatchPlanner} splits them:
 * 10,000 calls are some 100 MB of JSONL, which is not held in memory twice (as text, then as the upload's bytes).
 */
public final class BatchSpool implements AutoCloseable {
    /** A planned batch's calls and its input file. */
    public record Spooled(List<String> calls, Path file) {}

    private final Path dir;
    private final BatchPlanner planner;
    private final List<Path> files = new ArrayList<>();
    private BufferedWriter out;

    public BatchSpool(Path dir, BatchLimits limits) {
        this.dir = dir;
        this.planner = new BatchPlanner(limits);
    }

    /** Adds a call's request line; false when the line alone is over the provider's byte limit (it is not written). */
    public boolean add(String callId, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        BatchPlanner.Placed placed = planner.add(callId, bytes.length);
        if (placed == BatchPlanner.Placed.TOO_LARGE) {
            return false;
        }
        try {
            if (placed == BatchPlanner.Placed.NEW_BATCH) {
                closeFile();
                Files.createDirectories(dir);
                Path file = Files.createTempFile(dir, "input-", ".jsonl");
                files.add(file);
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            }
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a batch input file in " + dir + ": " + e.getMessage(), e);
        }
        return true;
    }

    /** The batches written, each with its file (closed); call once all lines are added. */
    public List<Spooled> batches() {
        closeFile();
        List<List<String>> batches = planner.plan().batches();
        List<Spooled> out = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
            out.add(new Spooled(batches.get(i), files.get(i)));
        }
        return out;
    }

    /** Writes one batch's input file afresh, from its lines in order (a batch planned by a process that stopped). */
    public static Path write(Path dir, Iterable<String> lines) {
        try {
            Files.createDirectories(dir);
            Path file = Files.createTempFile(dir, "input-", ".jsonl");
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (String line : lines) {
                    w.write(line);
                    w.write('\n');
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a batch input file in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the input files in {@code dir} (the run is locked: no other process is writing one). */
    public static void clear(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().startsWith("input-")) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear " + dir + ": " + e.getMessage(), e);
        }
    }

    private void closeFile() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                out = null;
            }
        }
    }

    @Override
    public void close() {
        closeFile();
    }
}
