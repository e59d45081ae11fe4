package vaa.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import vaa.VaaException;
import vaa.io.Json;
import vaa.io.MessageSink;
import vaa.io.ProgressSink;
import vaa.llm.LlmException;
import vaa.run.Run;
import vaa.run.RunStatus;
import vaa.run.Stage;
import vaa.run.StageStatus;
import vaa.transcript.Call;
import vaa.transcript.ReadResult;
import vaa.transcript.TranscriptFormat;
import vaa.transcript.TranscriptReaders;

/**
 * Stage 2: one analysis file per sampled call. Resume is the default: a call with a valid analysis
 * is never sent again, and with the run's response cache a call whose answer arrived just before a
 * crash is not paid for twice either. Failures become {@code <id>.error.json} and the batch goes on,
 * except a failure every call would meet (a rejected key, an unknown model, an unreachable endpoint):
 * the batch stops at once, writes no error file (the calls were never judged, so the next run after
 * the fix takes them up) and {@link #analyze} throws that failure, which says what to fix.
 */
public final class Analyzer {
    /** How to run the batch. */
    public record Options(int workers, Integer limit, boolean retryFailed, Double maxCostUsd) {
        public Options(int workers, Integer limit, boolean retryFailed) {
            this(workers, limit, retryFailed, null);
        }
    }

    static final int GIVE_UP_MIN = 5;

    /**
     * What the batch did. {@code alreadyDone} were skipped because a valid analysis existed; {@code gaveUp}
     * when the first calls all failed and the rest were not attempted.
     */
    public record Result(int total, int analysed, int failed, int alreadyDone, int structuralOnly, int notStarted,
                         Provenance.Tokens usage, long wallMs, boolean interrupted, boolean gaveUp, List<String> failures,
                         String costLimit) {
        /** Whether --max-cost stopped the batch ({@link #costLimit} says where); the rest is left for a resume. */
        public boolean stoppedAtCostLimit() {
            return costLimit != null;
        }
    }

    /** A call not started because --max-cost would be passed: it stays for a later invocation, like an interrupted one. */
    private static final class OverBudget extends RuntimeException {
        OverBudget() {
            super(null, null, false, false);
        }
    }

    private final Judge judge;
    private final BatchAnalysis batch;
    private final ProgressSink progress;
    private final MessageSink messages;
    private final BooleanSupplier cancelled;
    private final TranscriptReaders readers = new TranscriptReaders();

    /** {@code judge} is null when no model is configured: analyses are then structural only. */
    public Analyzer(Judge judge, ProgressSink progress, MessageSink messages, BooleanSupplier cancelled) {
        this(judge, null, progress, messages, cancelled);
    }

    /** {@code batch}: judge through the provider's Batch API (null: live calls). */
    Analyzer(Judge judge, BatchAnalysis batch, ProgressSink progress, MessageSink messages, BooleanSupplier cancelled) {
        this.judge = judge;
        this.batch = batch;
        this.progress = progress;
        this.messages = messages;
        this.cancelled = cancelled;
    }

    public Result analyze(Run run, Options opts) {
        long started = System.nanoTime();
        List<Path> sampled = sampledFiles(run);
        if (sampled.isEmpty()) {
            throw VaaException.usage("Run " + run.id() + " has no sampled calls. Draw some first: vaa sample -n 50 " + run.selector());
        }
        Todo plan = todo(run, sampled, opts);
        if (plan.skippedFailed() > 0) {
            int skippedFailed = plan.skippedFailed();
            messages.info(skippedFailed + " call" + (skippedFailed == 1 ? "" : "s")
                    + " failed before and " + (skippedFailed == 1 ? "is" : "are") + " left alone (use --retry-failed to try again).");
        }
        List<Path> todo = plan.files();
        int alreadyDone = plan.alreadyDone();
        if (batch != null && judge != null) {
            run.updateStage(Stage.ANALYSIS, s -> s.running(run.now()));
            BatchFlow.Tally t;
            try {
                t = new BatchFlow(this, judge, batch, run, opts, progress, messages, cancelled).run(todo);
            } catch (LlmException e) {
                // the Batch API refused or failed a step: the ledger says how far each batch got, and a resume goes on from there
                recordStatus(run, new Result(sampled.size(), 0, 0, alreadyDone, 0, todo.size(), Provenance.Tokens.NONE,
                        (System.nanoTime() - started) / 1_000_000, false, false, List.of(), null), e);
                throw e;
            }
            Result result = new Result(sampled.size(), t.analysed(), t.failed(), alreadyDone, 0,
                    Math.max(0, todo.size() - t.analysed() - t.failed()), t.usage(), (System.nanoTime() - started) / 1_000_000,
                    t.interrupted(), false, t.failures(), null);
            recordStatus(run, result, null);
            return result;
        }
        CostBudget budget = budget(run, opts);
        long expectedCompletion = budget == null ? 0 : CostEstimate.completionTokens(run).perCall();
        run.updateStage(Stage.ANALYSIS, s -> s.running(run.now()));

        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong structuralOnly = new AtomicLong();
        AtomicLong truncated = new AtomicLong();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicReference<Provenance.Tokens> tokens = new java.util.concurrent.atomic.AtomicReference<>(Provenance.Tokens.NONE);
        progress.start("Analysing", todo.size());
        // Twice W threads: the client's limiter already keeps W requests in flight per provider, and the
        // spare threads read, validate and write results meanwhile, so no request slot waits on file work.
        ExecutorService pool = Executors.newFixedThreadPool(2 * Math.max(1, opts.workers()), r -> {
            Thread t = new Thread(r, "vaa-analyze");
            t.setDaemon(true);
            return t;
        });
        // When the first calls all fail (a wrong key, base URL or model), the rest would fail the same way
        // after the same retries; stop early instead of spending minutes to learn nothing new.
        int giveUpAfter = Math.max(GIVE_UP_MIN, opts.workers());
        AtomicLong succeeded = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean gaveUp = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicReference<LlmException> stoppedBy = new AtomicReference<>();
        List<Future<?>> futures = new ArrayList<>();
        for (Path file : todo) {
            futures.add(pool.submit(() -> {
                if (cancelled.getAsBoolean() || gaveUp.get() || stoppedBy.get() != null || budget != null && budget.reached()) {
                    return; // calls not yet started stay for the next run
                }
                String id = callId(file);
                try {
                    Outcome o = analyseOne(run, file, id, budget == null ? judge == null ? null : judge::judge
                            : c -> judgeWithin(budget, c, expectedCompletion));
                    if (o.failure != null) {
                        failed.incrementAndGet();
                        failures.add(id + ": " + o.failure);
                    } else {
                        succeeded.incrementAndGet();
                        if (o.structuralOnly) {
                            structuralOnly.incrementAndGet();
                        }
                        if (o.truncated) {
                            truncated.incrementAndGet();
                        }
                    }
                    if (o.usage != null) {
                        tokens.accumulateAndGet(o.usage, Provenance.Tokens::plus);
                    }
                } catch (OverBudget e) {
                    return;
                } catch (VaaException e) {
                    if (e.exitCode() == VaaException.INTERRUPTED) {
                        return;
                    }
                    if (e instanceof LlmException llm && llm.affectsEveryCall()) {
                        stoppedBy.compareAndSet(null, llm);
                        return;
                    }
                    failed.incrementAndGet();
                    failures.add(id + ": " + e.getMessage());
                }
                if (succeeded.get() == 0 && failed.get() >= giveUpAfter) {
                    gaveUp.set(true);
                }
                progress.update(done.incrementAndGet(), failed.get());
            }));
        }
        pool.shutdown();
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            pool.shutdownNow();
            throw VaaException.failure("Analysis crashed: " + e.getCause(), e.getCause());
        } finally {
            progress.close();
        }
        if (truncated.get() > 0) {
            messages.warn(truncated.get() + (truncated.get() == 1 ? " call was" : " calls were") + " judged on a cut transcript"
                    + " (--truncate): its middle was left out to fit the model's context window (provenance.truncated in "
                    + (truncated.get() == 1 ? "its analysis" : "their analyses") + ").");
        }
        boolean interrupted = cancelled.getAsBoolean() || Thread.currentThread().isInterrupted();
        long wallMs = (System.nanoTime() - started) / 1_000_000;
        Provenance.Tokens usage = tokens.get();
        int analysed = (int) (done.get() - failed.get());
        Result result = new Result(sampled.size(), analysed, (int) failed.get(), alreadyDone, (int) structuralOnly.get(),
                todo.size() - (int) done.get(), usage, wallMs, interrupted, gaveUp.get() && done.get() < todo.size(), List.copyOf(failures),
                budget != null && budget.reached() ? budget.why() : null);
        recordStatus(run, result, stoppedBy.get());
        if (stoppedBy.get() != null) {
            throw stoppedBy.get();
        }
        return result;
    }

    record Outcome(String failure, boolean structuralOnly, Provenance.Tokens usage, boolean truncated) {
        Outcome(String failure, boolean structuralOnly, Provenance.Tokens usage) {
            this(failure, structuralOnly, usage, false);
        }
    }

    /** The calls this invocation would judge, in order: not done, not failed before unless retried, at most the limit. */
    private record Todo(List<Path> files, int alreadyDone, int skippedFailed) {}

    private Todo todo(Run run, List<Path> sampled, Options opts) {
        List<Path> todo = new ArrayList<>();
        int alreadyDone = 0;
        int skippedFailed = 0;
        for (Path file : sampled) {
            String id = callId(file);
            if (isDone(run, id)) {
                alreadyDone++;
            } else if (!opts.retryFailed() && Files.exists(errorFile(run, id)) && judge != null) {
                skippedFailed++;
            } else {
                todo.add(file);
            }
        }
        if (opts.limit() != null && todo.size() > opts.limit()) {
            todo = new ArrayList<>(todo.subList(0, opts.limit()));
        }
        return new Todo(todo, alreadyDone, skippedFailed);
    }

    /**
     * What judging the calls still to do is expected to take, without a model call and without writing anything:
     * the prompts as compiled for those calls, each answer assumed as long as {@link CostEstimate#completionTokens}.
     */
    public CostEstimate estimate(Run run, Options opts) {
        return estimate(run, opts, false);
    }

    /**
     * {@code fromSizes}: from the sampled copies' sizes instead of their compiled prompts, for the line said before
     * every analysis: it comes before the first request, and reading a 100,000-call sample twice would hold it up. A
     * canonical copy's JSON is longer than the transcript the prompt shows, so this errs high, as the estimate does.
     */
    public CostEstimate estimate(Run run, Options opts, boolean fromSizes) {
        if (judge == null) {
            return CostEstimate.none();
        }
        List<Path> todo = todo(run, sampledFiles(run), opts).files();
        long input = 0;
        int promptAlone = fromSizes ? vaa.llm.TokenEstimate.of(judge.messages(new Call("call", List.of()))) : 0;
        for (Path file : todo) {
            if (fromSizes) {
                input += promptAlone + vaa.llm.TokenEstimate.ofChars(sizeOf(file));
            } else if (readers.read(file, Optional.of(TranscriptFormat.CANONICAL)) instanceof ReadResult.Read r) {
                input += vaa.llm.TokenEstimate.of(judge.messages(r.call()));
            }
        }
        CostEstimate.Completion completion = CostEstimate.completionTokens(run);
        return CostEstimate.of(judge.provenance().modelKey(), judge.prices(), todo.size(), input, completion,
                batch != null || judge.provenance().viaBatch());
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // gone since it was listed: analysing it will say so
        }
    }

    /** Null without --max-cost; otherwise the limit, with what the run's earlier invocations spent already counted. */
    private CostBudget budget(Run run, Options opts) {
        if (opts.maxCostUsd() == null || judge == null) {
            return null;
        }
        return new CostBudget(opts.maxCostUsd(), RunSpend.of(run).knownUsd());
    }

    /** {@code verdict} judges the call read from {@code file} (null: no model, structural only). */
    Outcome analyseOne(Run run, Path file, String id, Function<Call, Judge.Outcome> verdict) {
        return analyseOne(run, read(file), id, verdict);
    }

    /** The same for a sampled copy already read (the batch path reads it once to build the request). */
    Outcome analyseOne(Run run, ReadResult read, String id, Function<Call, Judge.Outcome> verdict) {
        if (read instanceof ReadResult.Unreadable u) {
            writeError(run, id, "sampled copy unreadable: " + u.reason(), "", null);
            return new Outcome(u.reason(), false, null);
        }
        Call call = ((ReadResult.Read) read).call();
        Structural structural = Structural.of(call);
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("schema_version", Judge.SCHEMA_VERSION);
        doc.put("call_id", id);
        doc.put("analysed_at", run.now());
        doc.set("metadata", Json.MAPPER.valueToTree(call.metadata()));
        doc.set("structural", Json.MAPPER.valueToTree(structural));
        if (verdict == null) {
            doc.putNull("judgement");
            doc.put("judgement_status", "skipped");
            doc.put("judgement_skipped_reason", "no model configured");
            run.writeJson(run.analysesDir().resolve(id + ".json"), doc);
            return new Outcome(null, true, null);
        }
        Judge.Outcome judged = verdict.apply(call);
        if (judged instanceof Judge.Failed f) {
            writeError(run, id, f.reason(), f.rawOutput(), f.provenance());
            return new Outcome(f.reason(), false, f.provenance().usage());
        }
        Judge.Ok ok = (Judge.Ok) judged;
        doc.set("judgement", ok.judgement());
        doc.put("judgement_status", "ok");
        doc.set("provenance", Json.MAPPER.valueToTree(ok.provenance()));
        // Not fsynced (one fsync per call fewer): the answer it holds is already synced in the run's response cache
        // (AnalyzeStage always gives the judge one; the cache entry is written before this), so if a machine crash
        // leaves this file missing or empty, the next run finds it not done (isDone) and judges the call again from
        // the cache without paying for it. A kill -9 loses nothing either way: the page cache outlives the process.
        run.writeJsonUnsynced(run.analysesDir().resolve(id + ".json"), doc);
        deleteIfExists(errorFile(run, id));
        return new Outcome(null, false, ok.provenance().usage(), ok.provenance().truncated() != null);
    }

    private Judge.Outcome judgeWithin(CostBudget budget, Call call, long expectedCompletion) {
        double expected = judge.expectedCost(call, expectedCompletion).orElseThrow();
        if (!budget.reserve(expected)) {
            throw new OverBudget();
        }
        Double actual = 0.0;   // a call that ends in an exception was not answered, so not billed
        try {
            Judge.Outcome verdict = judge.judge(call);
            Provenance p = verdict.provenance();
            actual = p.usage() == null ? 0.0 : p.costUsd();
            return verdict;
        } finally {
            budget.settle(expected, actual);
        }
    }

    /** A sampled copy, read as the canonical transcript it is. */
    ReadResult read(Path file) {
        return readers.read(file, Optional.of(TranscriptFormat.CANONICAL));
    }

    void writeError(Run run, String id, String reason, String raw, Provenance p) {
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("call_id", id);
        err.put("failed_at", run.now());
        err.put("error", reason);
        err.put("raw_output", raw);
        err.put("provenance", p);
        Path target = errorFile(run, id);
        deleteIfExists(target); // a retry's error replaces the previous one
        run.writeJson(target, err);
    }

    /** Valid = parses and carries the schema version; a structural-only one counts only while no model is configured. */
    boolean isDone(Run run, String id) {
        Path file = run.analysesDir().resolve(id + ".json");
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            JsonNode doc = Json.MAPPER.readTree(file.toFile());
            if (!doc.has("schema_version") || !doc.has("structural")) {
                return false;
            }
            return judge == null || doc.path("judgement").isObject();
        } catch (IOException e) {
            return false;
        }
    }

    private void recordStatus(Run run, Result r, LlmException stoppedBy) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("total", r.total());
        detail.put("completed", r.analysed() + r.alreadyDone());
        detail.put("analysed_now", r.analysed());
        detail.put("failed", r.failed());
        detail.put("skipped_already_done", r.alreadyDone());
        detail.put("structural_only", r.structuralOnly());
        detail.put("not_started", r.notStarted());
        RunSpend spend = RunSpend.of(run);
        detail.put("tokens", spend.tokens());
        spend.addTo(detail);
        detail.put("tokens_this_invocation", r.usage());
        detail.put("wall_time_s", r.wallMs() / 1000.0);
        if (judge != null) {
            detail.put("model", judge.provenance().modelKey());
            // after a short wait for the last spans and scores to go out, so the figures include this stage's last ones
            Map<String, Object> traced = judge.tracer().flush();
            if (!traced.isEmpty()) {
                detail.put("tracing", traced);
            }
        }
        detail.put(StageStatus.STILL_FAILED, stillFailed(run));
        int count = run.analysedCount();
        // Failed calls are recorded and retried later (the run is partial meanwhile); the stage only fails when
        // nothing usable came out.
        String state = stoppedBy != null ? StageStatus.FAILED : r.interrupted() || r.stoppedAtCostLimit() ? StageStatus.INTERRUPTED
                : count == 0 || r.gaveUp() ? StageStatus.FAILED : StageStatus.COMPLETED;
        String why = stoppedBy != null ? stoppedBy.getMessage() : r.interrupted() ? "interrupted"
                : r.stoppedAtCostLimit() ? r.costLimit()
                : r.gaveUp() ? "stopped: the first " + r.failed() + " calls all failed"
                : count == 0 ? "no call could be analysed" : null;
        // metrics, notes, insights and the report made from the analyses before are out of date once one changed
        boolean changed = r.analysed() + r.failed() > 0;
        run.updateStatus(st -> {
            String now = run.now();
            // outdated first: with the later stages still completed, a finished analysis would seal the run
            RunStatus base = changed ? st.outdatingAfter(Stage.ANALYSIS, now) : st;
            StageStatus s = base.stage(Stage.ANALYSIS);
            return base.with(Stage.ANALYSIS, StageStatus.COMPLETED.equals(state)
                    ? s.completed(now, count, detail) : s.ended(state, now, why, detail).withDetail(count, detail), now);
        });
    }

    /** Calls with a failure and no analysis: those --retry-failed would try again. */
    private static int stillFailed(Run run) {
        int n = 0;
        for (Path p : AnalysisFiles.list(run)) {
            String name = p.getFileName().toString();
            if (AnalysisFiles.isError(p)
                    && !Files.exists(p.resolveSibling(name.substring(0, name.length() - AnalysisFiles.ERROR_SUFFIX.length()) + ".json"))) {
                n++;
            }
        }
        return n;
    }

    static List<Path> sampledFiles(Run run) {
        return run.jsonFiles(run.sampledDir());
    }

    static String callId(Path sampledFile) {
        String name = sampledFile.getFileName().toString();
        return name.substring(0, name.length() - ".json".length());
    }

    static Path errorFile(Run run, String id) {
        return run.analysesDir().resolve(id + AnalysisFiles.ERROR_SUFFIX);
    }

    private static void deleteIfExists(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw VaaException.failure("Cannot remove " + p + ": " + e.getMessage(), e);
        }
    }
}
