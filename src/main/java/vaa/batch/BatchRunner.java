package vaa.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import vaa.io.Env;
import vaa.io.Json;
import vaa.io.MessageSink;
import vaa.io.ProgressSink;
import vaa.llm.BatchApi;
import vaa.llm.LlmException;
import vaa.llm.LlmResponse;
import vaa.run.Run;

/**
 * Takes a run's batches through the provider: uploads and submits those not yet there (each step saved in the
 * {@link BatchLedger} before the provider is asked), polls those at the provider, and hands each answered, failed or
 * unanswered request of a batch that ended to {@link Results}, which judges them, before the batch is marked collected.
 */
public final class BatchRunner {
    /** The metadata key each batch is created with: vaa's id for it, by which a batch made before a crash is found. */
    public static final String TAG = "vaa_batch";
    /** Polls that may fail in a row (a provider hiccup) before the wait gives up. */
    private static final int POLL_FAILURES = 5;

    /**
     * A batch's input file: one request line per call of the batch, in order, each with the call id as its
     * {@code custom_id}; made again when the process that planned the batch stopped before uploading it. Deleted once
     * uploaded.
     */
    public interface Requests {
        Path input(BatchLedger.Entry batch);
    }

    /** Where a batch's results go; called on the runner's thread, batch by batch. */
    public interface Results {
        void answered(BatchLedger.Entry batch, String callId, LlmResponse response);

        /** A request the batch failed, or left unanswered (expired, cancelled); {@code raw} is the provider's line, if any. */
        void failed(BatchLedger.Entry batch, String callId, String reason, String raw);

        /** Every request of the batch was handed over; the batch is marked collected once this returns. */
        void ended(BatchLedger.Entry batch);
    }

    /** How often to ask: first after {@code firstMs}, then half as long again each time, up to {@code maxMs}. */
    public record Poll(long firstMs, long maxMs) {
        public static final String VARIABLE = "VAA_BATCH_POLL_MS";

        public static Poll from(Env env) {
            long first = env.get(VARIABLE).map(String::strip).filter(v -> v.matches("\\d{1,9}")).map(Long::parseLong).orElse(5_000L);
            return new Poll(Math.max(1, first), Math.max(first, 60_000L));
        }

        long next(long current) {
            return Math.min(maxMs, Math.max(current + 1, (long) (current * 1.5)));
        }
    }

    private final Run run;
    private final BatchApi api;
    private final BatchLedger ledger;
    private final Poll poll;
    private final ProgressSink progress;
    private final MessageSink messages;
    private final BooleanSupplier cancelled;

    public BatchRunner(Run run, BatchApi api, BatchLedger ledger, Poll poll, ProgressSink progress, MessageSink messages,
                       BooleanSupplier cancelled) {
        this.run = run;
        this.api = api;
        this.ledger = ledger;
        this.poll = poll;
        this.progress = progress;
        this.messages = messages;
        this.cancelled = cancelled;
    }

    /** Records new batches of {@code calls} for {@code model}, saved before any of them is uploaded. */
    public List<BatchLedger.Entry> plan(String model, List<List<String>> calls) {
        List<BatchLedger.Entry> planned = new ArrayList<>();
        for (List<String> batch : calls) {
            planned.add(BatchLedger.Entry.planned(UUID.randomUUID().toString(), model, batch, run.now()));
        }
        if (!planned.isEmpty()) {
            ledger.add(planned);
        }
        return planned;
    }

    /**
     * Submits, waits for and collects every open batch of the ledger. False when stopped (Ctrl+C) before the end: the
     * batches at the provider keep running there, and the next invocation picks them up from the ledger.
     */
    public boolean run(Requests requests, Results results) {
        for (BatchLedger.Entry e : ledger.entries()) {
            if (e.open() && e.batchId() == null) {
                if (cancelled.getAsBoolean()) {
                    return false;
                }
                submit(e, requests);
            }
        }
        return await(results);
    }

    private void submit(BatchLedger.Entry entry, Requests requests) {
        BatchLedger.Entry e = entry;
        if (e.inputFileId() == null) {
            // an upload begun before and never recorded (stopped, or its answer lost) may have landed: used, not sent twice
            boolean begun = BatchLedger.UPLOADING.equals(e.state());
            e = ledger.update(e.id(), x -> x.state(BatchLedger.UPLOADING));
            Path input = requests.input(e);
            String name = "vaa-" + run.id() + "-" + e.id() + ".jsonl";
            Optional<String> landed = begun ? earlierUpload(name, size(input)) : Optional.empty();
            landed.ifPresent(id -> messages.info("Input file " + id + " was uploaded before vaa stopped; used, not uploaded again."));
            String fileId = landed.orElseGet(() -> api.upload(input, name));
            e = ledger.update(e.id(), x -> x.uploaded(fileId));
            delete(input);
        } else {
            // this batch may have been made by a process that stopped before it could write the id down: adopt it
            Optional<BatchApi.State> made = api.find(TAG, e.id(), 10);
            if (made.isPresent()) {
                String id = made.get().id();
                messages.info("Batch " + id + " was submitted before vaa stopped; picked up, not submitted again.");
                ledger.update(e.id(), x -> x.submitted(id, run.now()));
                return;
            }
        }
        BatchApi.State made = api.create(e.inputFileId(), Map.of(TAG, e.id()));
        ledger.update(e.id(), x -> x.submitted(made.id(), run.now()));
        messages.info("Submitted batch " + made.id() + " (" + e.calls().size() + " call" + (e.calls().size() == 1 ? "" : "s") + ").");
    }

    /**
     * A provider that cannot list its files (not every OpenAI-compatible one can) gets the file again: at worst an
     * unused copy is left there, never a call submitted twice. A refused key or a stop is not passed over.
     * The message the provider gave is kept; vaa's reading of it (written for chat completions) is not.
     */
    private Optional<String> earlierUpload(String name, long bytes) {
        try {
            return api.findFile(name, bytes, 10);
        } catch (LlmException e) {
            // a 404 here says nothing about the model (the usual reading of one): it is the listing that is missing
            if (e.status() == 401 || e.status() == 403 || e.exitCode() == vaa.VaaException.INTERRUPTED) {
                throw e;
            }
            String why = e.status() > 0 ? "HTTP " + e.status() + (e.providerMessage() == null ? "" : ": " + e.providerMessage()) : e.getMessage();
            messages.warn("Could not look for an earlier upload of " + name + " (" + why + "); uploading it again.");
            return Optional.empty();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover input file in the run's cache costs disk, not correctness
        }
    }

    private boolean await(Results results) {
        List<BatchLedger.Entry> waiting = ledger.entries().stream().filter(BatchLedger.Entry::atProvider).toList();
        if (waiting.isEmpty()) {
            return true;
        }
        long total = waiting.stream().mapToLong(e -> e.calls().size()).sum();
        progress.start(waiting.size() == 1 ? "Batch " + waiting.get(0).batchId() : waiting.size() + " batches", total);
        long delay = poll.firstMs();
        int failures = 0;
        try {
            while (true) {
                long done = 0;
                long failed = 0;
                boolean open = false;
                for (BatchLedger.Entry e : waiting) {
                    BatchLedger.Entry now = ledger.find(e.id()).orElseThrow();
                    if (now.atProvider() && !ended(now)) {
                        try {
                            now = refresh(now);
                            failures = 0;
                        } catch (LlmException x) {
                            if (x.affectsEveryCall() || ++failures > POLL_FAILURES) {
                                throw x;
                            }
                            messages.warn("Could not ask about batch " + now.batchId() + " (" + x.getMessage() + "); asking again.");
                        }
                    }
                    if (now.atProvider() && ended(now)) {
                        collect(now, results);
                        now = ledger.find(e.id()).orElseThrow();
                    }
                    done += now.completed() + now.failed();
                    failed += now.failed();
                    open |= now.open();
                }
                progress.update(done, failed);
                if (!open) {
                    return true;
                }
                if (!sleep(delay)) {
                    return false;
                }
                delay = poll.next(delay);
            }
        } finally {
            progress.close();
        }
    }

    private static boolean ended(BatchLedger.Entry e) {
        return BatchApi.State.ended(e.providerStatus());
    }

    private BatchLedger.Entry refresh(BatchLedger.Entry e) {
        BatchApi.State s = api.retrieve(e.batchId());
        if (s.status().equals(e.providerStatus()) && s.completed() == e.completed() && s.failed() == e.failed()
                && java.util.Objects.equals(s.outputFileId(), e.outputFileId())) {
            return e;   // nothing new: the ledger is not written again
        }
        String endedAt = s.ended() ? run.now() : null;
        return ledger.update(e.id(), x -> x.observed(s.status(), s.outputFileId(), s.errorFileId(), s.completed(), s.failed(), endedAt));
    }

    /** Ctrl+C is looked at every 100 ms of the wait. */
    private boolean sleep(long ms) {
        long end = System.nanoTime() + ms * 1_000_000;
        while (!cancelled.getAsBoolean()) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return true;
            }
            try {
                Thread.sleep(Math.min(100, left));
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private void collect(BatchLedger.Entry e, Results results) {
        Set<String> expected = new HashSet<>(e.calls());
        Set<String> seen = new HashSet<>();
        if (e.outputFileId() != null) {
            api.lines(e.outputFileId(), line -> line(e, line, expected, seen, results));
        }
        if (e.errorFileId() != null) {
            api.lines(e.errorFileId(), line -> line(e, line, expected, seen, results));
        }
        String missing = switch (e.providerStatus()) {
            case "expired" -> "the batch expired (24 h) before this request was answered";
            case "cancelled" -> "the batch was cancelled before this request was answered";
            case "failed" -> "the provider failed the batch " + e.batchId()
                    + Optional.ofNullable(api.retrieve(e.batchId()).errors()).map(x -> ": " + x).orElse(" (see it in the provider's dashboard)");
            default -> "the batch " + e.batchId() + " ended without an answer for this request";
        };
        for (String call : e.calls()) {
            if (!seen.contains(call)) {
                results.failed(e, call, missing + "; retry with --retry-failed", "");
            }
        }
        results.ended(e);
        ledger.update(e.id(), x -> x.state(BatchLedger.COLLECTED));
    }

    private void line(BatchLedger.Entry e, String line, Set<String> expected, Set<String> seen, Results results) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(line);
        } catch (IOException x) {
            return;   // not a result line: its request counts as unanswered
        }
        String call = n.path("custom_id").asText("");
        if (!expected.contains(call) || !seen.add(call)) {
            return;
        }
        JsonNode response = n.path("response");
        int status = response.path("status_code").asInt(0);
        JsonNode body = response.path("body");
        if (status == 200 && body.isObject()) {
            try {
                results.answered(e, call, api.answer(body, response.path("request_id").asText(null)));
            } catch (LlmException x) {
                results.failed(e, call, x.getMessage(), body.toString());
            }
            return;
        }
        String message = n.path("error").path("message").asText(body.path("error").path("message").asText(""));
        results.failed(e, call, "the batch answered this request with " + (status > 0 ? "HTTP " + status : "an error")
                + (message.isBlank() ? "" : ": " + message), line);
    }
}
