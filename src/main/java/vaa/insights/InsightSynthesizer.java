package vaa.insights;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import vaa.VaaException;
import vaa.analysis.Provenance;
import vaa.extract.NlFields;
import vaa.io.MessageSink;
import vaa.llm.ChatMessage;
import vaa.llm.LlmClient;
import vaa.llm.Tracer;
import vaa.prompt.Prompt;

/**
 * The model half of stage 5: themes from the metrics and the calls' notes. When everything fits
 * the context budget it is one request; otherwise map-reduce: the notes are packed into batches
 * that each fit, every batch is summarised into themes with the chunk prompt, and the batch themes
 * are merged with the main prompt (with further rounds of batching while they are still too big).
 * Nothing is cut to fit: a budget too small for a single call's notes is an error that says so.
 * Supporting call ids are checked against the run; unknown ids are dropped and listed.
 */
public final class InsightSynthesizer {
    /** Beyond this many rounds of merging the themes are not getting shorter in any useful way. */
    static final int MAX_LEVELS = 4;

    /** An id a model cited that is not a call of this run. */
    public record RemovedId(@JsonProperty("step") String step, @JsonProperty("theme") String theme,
                            @JsonProperty("id") String id) {}

    /** The synthesis: themes with only valid ids, how it was done, and what it cost. */
    public record Result(String summary, List<InsightTheme> themes, InsightMethod method, List<RemovedId> invalidIdsRemoved,
                         Provenance.Tokens usage, boolean usedChunkPrompt) {}

    /** Text for a prompt with its token estimate and the calls (by index) it speaks for. */
    private record Note(String text, int tokens, BitSet calls) {}

    private final LlmClient client;
    private final Prompt main;
    private final Prompt chunk;
    private final boolean jsonSchema;
    private final InsightBudget budget;
    private final int workers;
    private final MessageSink messages;
    private final BooleanSupplier cancelled;
    private final Tracer.Call mainCalls;
    private final Tracer.Call chunkCalls;

    /** Every request is a generation of {@code trace}, linked to the prompt it was compiled from. */
    public InsightSynthesizer(LlmClient client, Prompt main, Prompt chunk, boolean jsonSchema, InsightBudget budget,
                              int workers, MessageSink messages, BooleanSupplier cancelled, Tracer.Span trace) {
        this.client = client;
        this.main = main;
        this.chunk = chunk;
        this.jsonSchema = jsonSchema;
        this.budget = budget;
        this.workers = Math.max(1, workers);
        this.messages = messages;
        this.cancelled = cancelled;
        this.mainCalls = new Tracer.Call(trace, main.traceRef(), null);
        this.chunkCalls = new Tracer.Call(trace, chunk.traceRef(), null);
    }

    public Result synthesize(String runId, JsonNode metrics, NlFields fields) {
        List<NlFields.CallNotes> calls = fields.calls();
        Set<String> runIds = new HashSet<>();
        List<Note> notes = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            runIds.add(calls.get(i).callId());
            String text = InsightNotes.callNote(calls.get(i));
            BitSet one = new BitSet();
            one.set(i);
            notes.add(new Note(text, InsightBudget.estimate(text), one));
        }
        String digest = InsightNotes.metricsDigest(metrics);
        Tally tally = new Tally(runIds);

        List<ChatMessage> single = main.compile(mainVars(runId, digest, calls.size(), join(notes)));
        int singleTokens = InsightBudget.estimate(single);
        if (budget.fits(singleTokens)) {
            messages.info("Synthesising themes from " + calls.size() + " calls in one request (about " + singleTokens
                    + " tokens; budget " + budget.tokens() + ").");
            InsightCall.Answer a = checkCancelled(() -> InsightCall.ask(client, single, jsonSchema, "single pass", mainCalls));
            List<InsightTheme> themes = tally.add(a, "single pass");
            InsightMethod method = new InsightMethod(InsightMethod.SINGLE_PASS, InsightMethod.ESTIMATE, budget.tokens(),
                    budget.basis(), singleTokens, calls.size(), null, null, null, null, tally.requests, tally.cached);
            return new Result(a.summary(), themes, method, List.copyOf(tally.removed), tally.usage, false);
        }

        messages.info("The notes of " + calls.size() + " calls need about " + singleTokens + " tokens, more than the budget of "
                + budget.tokens() + " (" + budget.basis() + "): summarising them in batches, then merging.");
        List<InsightMethod.Batch> log = new ArrayList<>();
        List<Note> current = notes;
        List<ChatMessage> merge;
        int level = 0;
        int chunks = 0;
        while (true) {
            level++;
            List<List<Note>> batches = pack(current, level);
            if (level == 1) {
                chunks = batches.size();
            }
            List<Note> next = summarise(level, batches, tally, log);
            merge = main.compile(mainVars(runId, digest, calls.size(), join(next)));
            boolean fits = budget.fits(InsightBudget.estimate(merge));
            if (!fits && (level == MAX_LEVELS || tokens(next) >= tokens(current))) {
                throw VaaException.failure("The batch themes still need about " + InsightBudget.estimate(merge) + " tokens after "
                        + level + " round" + (level == 1 ? "" : "s") + " of summarising, more than the budget of " + budget.tokens()
                        + ". Raise --context-budget or use a model with a larger context (see vaa models list).");
            }
            current = next;
            if (fits) {
                break;
            }
        }
        int mergeTokens = InsightBudget.estimate(merge);
        messages.info("Merging " + current.size() + " batch themes (about " + mergeTokens + " tokens).");
        List<ChatMessage> mergeMessages = merge;
        InsightCall.Answer a = checkCancelled(() -> InsightCall.ask(client, mergeMessages, jsonSchema, "merge", mainCalls));
        List<InsightTheme> themes = tally.add(a, "merge");
        InsightMethod method = new InsightMethod(InsightMethod.MAP_REDUCE, InsightMethod.ESTIMATE, budget.tokens(), budget.basis(),
                singleTokens, calls.size(), chunks, level, List.copyOf(log), mergeTokens, tally.requests, tally.cached);
        return new Result(a.summary(), themes, method, List.copyOf(tally.removed), tally.usage, true);
    }

    /**
     * Splits notes into batches whose chunk prompt fits the budget, of even size rather than full
     * batches and a scrap. A note that cannot fit even alone is an error, never cut.
     */
    private List<List<Note>> pack(List<Note> notes, int level) {
        // the widest values the counters can take, so the real prompts are never longer than measured
        int overhead = InsightBudget.estimate(chunk.compile(chunkVars(99_999, 99_999, 9_999_999, "")));
        int capacity = budget.tokens() - overhead;
        if (capacity < 1) {
            throw VaaException.usage("A context budget of " + budget.tokens() + " tokens is too small: the batch prompt \""
                    + chunk.name() + "\" alone needs about " + overhead + ". Raise --context-budget.");
        }
        long total = 0;
        for (Note n : notes) {
            if (n.tokens() > capacity) {
                throw VaaException.usage("A context budget of " + budget.tokens() + " tokens is too small: one "
                        + (level == 1 ? "call's notes" : "batch theme") + " alone needs about " + n.tokens()
                        + " tokens besides the prompt's " + overhead + ". Raise --context-budget to at least " + (overhead + n.tokens()) + ".");
            }
            total += n.tokens();
        }
        long count = (total + capacity - 1) / capacity;
        long target = (total + count - 1) / count;
        List<List<Note>> batches = new ArrayList<>();
        List<Note> batch = new ArrayList<>();
        long size = 0;
        for (Note n : notes) {
            if (!batch.isEmpty() && (size + n.tokens() > capacity || size >= target)) {
                batches.add(batch);
                batch = new ArrayList<>();
                size = 0;
            }
            batch.add(n);
            size += n.tokens();
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    /** Summarises the batches (in parallel, up to {@code workers} at once) into theme notes, in batch order. */
    private List<Note> summarise(int level, List<List<Note>> batches, Tally tally, List<InsightMethod.Batch> log) {
        int total = batches.size();
        messages.info((level == 1 ? "Summarising " : "Round " + level + ": summarising ") + total + " batch"
                + (total == 1 ? "" : "es") + " with prompt " + chunk.name() + "...");
        List<BitSet> covered = new ArrayList<>();
        List<Integer> estimates = new ArrayList<>();
        List<Future<InsightCall.Answer>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, total), r -> {
            Thread t = new Thread(r, "vaa-insights");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < total; i++) {
                List<Note> batch = batches.get(i);
                BitSet calls = new BitSet();
                batch.forEach(n -> calls.or(n.calls()));
                covered.add(calls);
                List<ChatMessage> prompt = chunk.compile(chunkVars(i + 1, total, calls.cardinality(), join(batch)));
                estimates.add(InsightBudget.estimate(prompt));
                String step = stepName(level, i + 1, total);
                futures.add(pool.submit(() -> checkCancelled(() -> InsightCall.ask(client, prompt, jsonSchema, step, chunkCalls))));
            }
            List<Note> out = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                InsightCall.Answer a = await(futures.get(i));
                List<InsightTheme> themes = tally.add(a, stepName(level, i + 1, total));
                for (InsightTheme t : themes) {
                    String text = InsightNotes.themeNote(t);
                    out.add(new Note(text, InsightBudget.estimate(text), covered.get(i)));
                }
                log.add(new InsightMethod.Batch(level, i + 1, batches.get(i).size(), covered.get(i).cardinality(),
                        estimates.get(i), themes.size()));
                messages.info("  batch " + (i + 1) + "/" + total + ": " + batches.get(i).size() + (level == 1 ? " calls" : " themes")
                        + " -> " + themes.size() + " theme" + (themes.size() == 1 ? "" : "s"));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static InsightCall.Answer await(Future<InsightCall.Answer> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaaException(VaaException.INTERRUPTED, "Interrupted while waiting for the insights batches");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw VaaException.failure("Insights batch failed: " + e.getCause(), e.getCause());
        }
    }

    /** Ctrl+C stops before the next request; answers already received are in the response cache. */
    private <T> T checkCancelled(java.util.function.Supplier<T> request) {
        if (cancelled.getAsBoolean()) {
            throw new VaaException(VaaException.INTERRUPTED, "Interrupted; the answers received so far are cached, so running"
                    + " vaa insights again continues without paying for them twice");
        }
        return request.get();
    }

    private static String stepName(int level, int index, int total) {
        return (level == 1 ? "" : "round " + level + " ") + "batch " + index + " of " + total;
    }

    private static Map<String, Object> mainVars(String runId, String metrics, int callCount, String notes) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("schema", InsightCall.SCHEMA.toString());
        v.put("run_id", runId);
        v.put("metrics", metrics);
        v.put("call_count", callCount);
        v.put("notes", notes);
        return v;
    }

    private static Map<String, Object> chunkVars(int batch, int batches, int callCount, String notes) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("schema", InsightCall.SCHEMA.toString());
        v.put("batch", batch);
        v.put("batches", batches);
        v.put("call_count", callCount);
        v.put("notes", notes);
        return v;
    }

    private static String join(List<Note> notes) {
        StringBuilder b = new StringBuilder();
        notes.forEach(n -> b.append(n.text()));
        return b.toString();
    }

    private static long tokens(List<Note> notes) {
        long t = 0;
        for (Note n : notes) {
            t += n.tokens();
        }
        return t;
    }

    /** What the requests cost, and the ids they cited that are not calls of this run. Used from the calling thread only. */
    private static final class Tally {
        final Set<String> runIds;
        final List<RemovedId> removed = new ArrayList<>();
        Provenance.Tokens usage = Provenance.Tokens.NONE;
        int requests;
        int cached;

        Tally(Set<String> runIds) {
            this.runIds = runIds;
        }

        List<InsightTheme> add(InsightCall.Answer a, String step) {
            usage = usage.plus(a.usage());
            requests += a.requests();
            cached += a.cached();
            List<InsightTheme> out = new ArrayList<>();
            for (InsightTheme t : a.themes()) {
                Set<String> kept = new LinkedHashSet<>();
                for (String id : t.supportingCallIds()) {
                    String s = id.strip();
                    if (runIds.contains(s)) {
                        kept.add(s);
                    } else {
                        removed.add(new RemovedId(step, t.title(), id));
                    }
                }
                out.add(t.withSupportingCallIds(new ArrayList<>(kept)));
            }
            return out;
        }
    }
}
