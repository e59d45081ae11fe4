package vaa.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import vaa.VaaException;
import vaa.io.Json;
import vaa.run.Run;

/**
 * A run's batches, in {@code runs/<id>/batches.json}: for each, which calls it holds (the request → call mapping:
 * a request's {@code custom_id} is its call id) and how far it got. Each step is saved before the provider is asked
 * to take it, so a process killed at any point resumes without submitting a call or uploading a file twice: a batch
 * {@code planned} has nothing at the provider, one {@code uploading} may have its input file there (it is looked for by
 * its name, {@code vaa-<run>-<batch>.jsonl}, and size before it is uploaded again), one {@code submitting} may have
 * been made (it is looked for by its {@code vaa_batch} tag before another is), one {@code submitted} is polled, one
 * {@code collected} is done with.
 */
public final class BatchLedger {
    public static final String FILE = "batches.json";
    public static final String PLANNED = "planned";
    public static final String UPLOADING = "uploading";
    public static final String SUBMITTING = "submitting";
    public static final String SUBMITTED = "submitted";
    public static final String COLLECTED = "collected";

    /** One batch. {@code id} is vaa's (a UUID, the {@code vaa_batch} tag); {@code batchId} the provider's. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(@JsonProperty("id") String id,
                        @JsonProperty("state") String state,
                        @JsonProperty("model") String model,
                        @JsonProperty("calls") List<String> calls,
                        @JsonProperty("input_file_id") String inputFileId,
                        @JsonProperty("batch_id") String batchId,
                        @JsonProperty("provider_status") String providerStatus,
                        @JsonProperty("output_file_id") String outputFileId,
                        @JsonProperty("error_file_id") String errorFileId,
                        @JsonProperty("completed") long completed,
                        @JsonProperty("failed") long failed,
                        @JsonProperty("created_at") String createdAt,
                        @JsonProperty("submitted_at") String submittedAt,
                        @JsonProperty("ended_at") String endedAt) {
        public Entry {
            calls = List.copyOf(calls);
        }

        static Entry planned(String id, String model, List<String> calls, String now) {
            return new Entry(id, PLANNED, model, calls, null, null, null, null, null, 0, 0, now, null, null);
        }

        Entry state(String next) {
            return new Entry(id, next, model, calls, inputFileId, batchId, providerStatus, outputFileId, errorFileId, completed,
                    failed, createdAt, submittedAt, endedAt);
        }

        Entry uploaded(String fileId) {
            return new Entry(id, SUBMITTING, model, calls, fileId, batchId, providerStatus, outputFileId, errorFileId, completed,
                    failed, createdAt, submittedAt, endedAt);
        }

        Entry submitted(String batch, String now) {
            return new Entry(id, SUBMITTED, model, calls, inputFileId, batch, providerStatus, outputFileId, errorFileId, completed,
                    failed, createdAt, now, endedAt);
        }

        Entry observed(String status, String output, String errors, long done, long failedNow, String endedNow) {
            return new Entry(id, state, model, calls, inputFileId, batchId, status, output, errors, done, failedNow, createdAt,
                    submittedAt, endedNow);
        }

        /** Still to be collected: planned, on its way, or at the provider. */
        public boolean open() {
            return !COLLECTED.equals(state);
        }

        /** Whether the provider holds it, answered or not (vaa has its id). */
        public boolean atProvider() {
            return batchId != null && open();
        }
    }

    /** The file's shape. */
    record File(@JsonProperty("batches") List<Entry> batches) {}

    private final Run run;
    private final List<Entry> entries;

    private BatchLedger(Run run, List<Entry> entries) {
        this.run = run;
        this.entries = entries;
    }

    /** The run's ledger; empty when it has none. */
    public static BatchLedger of(Run run) {
        return new BatchLedger(run, new ArrayList<>(read(run.dir())));
    }

    /** The batches recorded in a run directory; empty when it has none; a file that cannot be read is an error (it must not be lost). */
    public static List<Entry> read(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            File f = Json.read(file, File.class);
            return f.batches() == null ? List.of() : f.batches();
        } catch (IOException e) {
            throw VaaException.failure("Cannot read " + file + ": " + e.getMessage()
                    + ". It records the run's batches at the provider; fix or restore it before going on.", e);
        }
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public synchronized Optional<Entry> find(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** Adds batches and saves, before anything of them goes to the provider. */
    synchronized void add(List<Entry> more) {
        entries.addAll(more);
        save();
    }

    /** Changes one batch and saves. */
    synchronized Entry update(String id, UnaryOperator<Entry> change) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).id().equals(id)) {
                Entry next = change.apply(entries.get(i));
                entries.set(i, next);
                save();
                return next;
            }
        }
        throw new IllegalStateException("no batch " + id + " in the ledger");
    }

    private void save() {
        run.writeJson(run.dir().resolve(FILE), new File(Collections.unmodifiableList(entries)));
    }
}
