package vaa.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import vaa.VaaException;
import vaa.batch.BatchLedger;
import vaa.batch.BatchSpool;
import vaa.batch.BatchRunner;
import vaa.io.MessageSink;
import vaa.io.ProgressSink;
import vaa.llm.LlmResponse;
import vaa.run.Run;
import vaa.transcript.ReadResult;

/**
 * Stage 2 through the provider's Batch API. The calls to judge are prepared as live calls would be; those answered
 * before (vaa's response cache: a live run, or a batch collected before a kill) are judged at once and not submitted,
 * those already in a batch of the run's {@link BatchLedger} are not submitted again, the rest are planned into new
 * batches within the provider's limits. Each answer collected goes into the response cache, then through the same
 * {@link Judge} as a live answer (parsing, schema, a live repair, quotes); a failed or unanswered request is a failed
 * call, with its error file, for {@code --retry-failed}.
 */
final class BatchFlow {
    /** What this invocation did. */
    record Tally(int analysed, int failed, Provenance.Tokens usage, List<String> failures, boolean interrupted) {}

    private final Analyzer analyzer;
    private final Judge judge;
    private final BatchAnalysis batch;
    private final Run run;
    private final Analyzer.Options opts;
    private final ProgressSink progress;
    private final MessageSink messages;
    private final BooleanSupplier cancelled;
    private final AtomicInteger analysed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicReference<Provenance.Tokens> usage = new AtomicReference<>(Provenance.Tokens.NONE);
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    /** Input files written while planning, by ledger entry (a batch planned by an earlier process gets its file made again). */
    private final Map<String, Path> inputs = new HashMap<>();
    /** Cache keys of the calls' requests, made while planning or when a batch from before is collected. */
    private final Map<String, String> keys = new ConcurrentHashMap<>();

    BatchFlow(Analyzer analyzer, Judge judge, BatchAnalysis batch, Run run, Analyzer.Options opts, ProgressSink progress,
              MessageSink messages, BooleanSupplier cancelled) {
        this.analyzer = analyzer;
        this.judge = judge;
        this.batch = batch;
        this.run = run;
        this.opts = opts;
        this.progress = progress;
        this.messages = messages;
        this.cancelled = cancelled;
    }

    Tally run(List<Path> todo) {
        BatchLedger ledger = BatchLedger.of(run);
        Map<String, String> inOpenBatch = new HashMap<>();
        Map<String, String> collectedIn = new HashMap<>();
        for (BatchLedger.Entry e : ledger.entries()) {
            for (String call : e.calls()) {
                if (e.open()) {
                    inOpenBatch.put(call, e.id());
                } else if (e.batchId() != null) {
                    collectedIn.put(call, e.batchId());
                }
            }
        }
        int fromCache = 0;
        boolean stopped = false;
        // input files left by a process that stopped before uploading them: their batches' files are made again
        BatchSpool.clear(inputDir());
        List<BatchSpool.Spooled> spooled;
        try (BatchSpool spool = new BatchSpool(inputDir(), batch.limits())) {
            for (Path file : todo) {
                if (cancelled.getAsBoolean()) {
                    stopped = true;
                    break;
                }
                String id = Analyzer.callId(file);
                if (inOpenBatch.containsKey(id)) {
                    continue;   // submitted before: collected below, never sent twice
                }
                ReadResult read = analyzer.read(file);
                if (!(read instanceof ReadResult.Read r)) {
                    count(analyzer.analyseOne(run, read, id, null), id);   // recorded as unreadable, never judged
                    continue;
                }
                Judge.Prepared prepared = judge.prepare(r.call());
                if (prepared.refused() != null) {
                    count(analyzer.analyseOne(run, read, id, c -> prepared.refused()), id);
                    continue;
                }
                // a retried call's cached answer was unusable: it is asked afresh
                boolean retry = opts.retryFailed() && Files.exists(Analyzer.errorFile(run, id));
                Optional<LlmResponse> hit = retry ? Optional.empty() : batch.cached(prepared.request());
                if (hit.isPresent()) {
                    fromCache++;
                    String batchId = collectedIn.get(id);
                    // collected from a batch before a kill, and never judged: judged now, at the batch's price
                    count(analyzer.analyseOne(run, read, id, c -> batchId == null ? judge.judge(c) : judge.judge(c, paid(hit.get()), batchId)), id);
                    continue;
                }
                if (spool.add(id, batch.line(prepared.request(), id))) {
                    keys.put(id, batch.key(prepared.request()));
                } else {
                    fail(id, "its request is larger than one batch input file may be (" + batch.limits().maxBytes()
                            + " bytes, max_bytes in the catalog); judge it without --batch", "", judge.provenance());
                }
            }
            spooled = spool.batches();
        }
        if (stopped) {
            BatchSpool.clear(inputDir());   // nothing planned yet: the calls are prepared again next time
            return tally(true);
        }
        if (fromCache > 0) {
            messages.info(fromCache + " call" + (fromCache == 1 ? " was" : "s were") + " answered before (vaa's response cache): judged, not submitted.");
        }
        BatchRunner runner = new BatchRunner(run, batch.api(), ledger, batch.poll(), progress, messages, cancelled);
        List<BatchLedger.Entry> planned = runner.plan(batch.model().key(), spooled.stream().map(BatchSpool.Spooled::calls).toList());
        for (int i = 0; i < planned.size(); i++) {
            inputs.put(planned.get(i).id(), spooled.get(i).file());
        }
        boolean finished = runner.run(this::input, new Collector());
        if (!finished) {
            messages.warn("Stopped waiting. The batches keep running at the provider; their results are collected, not paid"
                    + " for again, when the run is resumed (vaa analyze --batch " + run.selector() + ", or vaa run " + run.selector() + " --resume).");
        }
        return tally(!finished);
    }

    private Tally tally(boolean interrupted) {
        return new Tally(analysed.get(), failed.get(), usage.get(), List.copyOf(failures), interrupted);
    }

    private void count(Analyzer.Outcome o, String id) {
        if (o.failure() != null) {
            failed.incrementAndGet();
            failures.add(id + ": " + o.failure());
        } else {
            analysed.incrementAndGet();
        }
        if (o.usage() != null) {
            usage.accumulateAndGet(o.usage(), Provenance.Tokens::plus);
        }
    }

    private void fail(String id, String reason, String raw, Provenance p) {
        analyzer.writeError(run, id, reason, raw, p);
        failed.incrementAndGet();
        failures.add(id + ": " + reason);
    }

    /** The answer as this run paid for it: a batch answer stored in the cache before it could be judged. */
    private static LlmResponse paid(LlmResponse cached) {
        return new LlmResponse(cached.content(), cached.ttftMs(), cached.e2eMs(), cached.usage(), cached.requestId(), cached.model(), false);
    }


    private Path sampled(String id) {
        return run.sampledDir().resolve(id + ".json");
    }

    /** The request of a call the ledger holds, made again when this process did not plan it. */
    private Judge.Prepared prepared(String id) {
        if (!(analyzer.read(sampled(id)) instanceof ReadResult.Read r)) {
            throw VaaException.failure("The sampled copy of call " + id + ", which is in a batch of this run, cannot be read any more;"
                    + " restore " + sampled(id));
        }
        Judge.Prepared p = judge.prepare(r.call());
        if (p.refused() != null) {
            throw VaaException.failure("Call " + id + " is in a batch of this run but its request can no longer be made: "
                    + p.refused().reason());
        }
        return p;
    }

    private Path input(BatchLedger.Entry e) {
        Path file = inputs.remove(e.id());
        return file != null ? file : BatchSpool.write(inputDir(),
                () -> e.calls().stream().map(id -> batch.line(prepared(id).request(), id)).iterator());
    }

    /** Where input files wait for their upload: the run's cache (deleted once uploaded). */
    private Path inputDir() {
        return run.cacheDir().resolve("batch");
    }

    private String key(String id) {
        return keys.computeIfAbsent(id, x -> batch.key(prepared(x).request()));
    }

    /** A batch's results: answers into the cache as they are read, then judged together once the batch is read. */
    private final class Collector implements BatchRunner.Results {
        private final Map<String, LlmResponse> answers = new LinkedHashMap<>();
        private final Map<String, String[]> errors = new LinkedHashMap<>();

        @Override
        public void answered(BatchLedger.Entry e, String callId, LlmResponse response) {
            batch.cache().put(key(callId), response);
            answers.put(callId, response);
        }

        @Override
        public void failed(BatchLedger.Entry e, String callId, String reason, String raw) {
            errors.put(callId, new String[] {reason, raw});
        }

        @Override
        public void ended(BatchLedger.Entry e) {
            errors.forEach((id, why) -> {
                if (!analyzer.isDone(run, id)) {
                    fail(id, why[0], why[1], judge.provenance().inBatch(e.batchId()));
                }
            });
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, opts.workers()), r -> {
                Thread t = new Thread(r, "vaa-batch-judge");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                answers.forEach((id, answer) -> futures.add(pool.submit(() -> {
                    if (!analyzer.isDone(run, id)) {
                        count(analyzer.analyseOne(run, sampled(id), id, c -> judge.judge(c, answer, e.batchId())), id);
                    }
                })));
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                throw new VaaException(VaaException.INTERRUPTED, "Interrupted while judging the answers of batch " + e.batchId());
            } catch (ExecutionException x) {
                throw x.getCause() instanceof RuntimeException r ? r : VaaException.failure("Judging a batch's answers failed: " + x.getCause(), x.getCause());
            } finally {
                pool.shutdownNow();
            }
            int n = answers.size();
            messages.info("Batch " + e.batchId() + " " + e.providerStatus() + ": " + n + " answer" + (n == 1 ? "" : "s") + ", "
                    + errors.size() + " failed or unanswered.");
            answers.clear();
            errors.clear();
        }
    }
}
