package vaa.ask;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vaa.VaaException;
import vaa.llm.LlmResponse;
import vaa.llm.ResolvedModel;
import vaa.prompt.Prompt;
import vaa.run.Run;

/**
 * Answers questions about one run: retrieve the best-matching calls from the index, build the
 * context within the budget, ask the model (streaming), check the citations, save the record.
 *
 * <p>Asking only reads the run's analyses; it takes no run lock, so it neither waits for nor
 * blocks a command writing the run (an analysis in progress shows up at the next question). What
 * it adds — the index and reports/asks/ — is coordinated by locks of its own.
 */
public final class AskEngine implements AutoCloseable {
    private final Run run;
    private final AskSetup setup;
    private final CallIndex index;
    private final AskModel model;
    private final AskArchive archive;
    private CallIndex.Status status;
    private MetricsSummary metrics;
    private String metricsFingerprint;

    private AskEngine(Run run, AskSetup setup, CallIndex index, AskModel model) {
        this.run = run;
        this.setup = setup;
        this.index = index;
        this.model = model;
        this.archive = new AskArchive(run, setup.clock());
    }

    /**
     * Checks the run has analyses and the model and prompt are usable, then brings the index up to
     * date. A run with no analyses is bad input (exit 2): there is nothing to answer from.
     */
    public static AskEngine open(Run run, AskSetup setup) {
        requireAnalyses(run, run.analysedCount(), 0);
        AskEngine engine = new AskEngine(run, setup, CallIndex.open(run, setup.messages()), AskModel.select(run, setup));
        try {
            engine.refresh();
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    /** One question, and the engine closed again: {@code vaa ask "..."}. */
    public static AskResult askOnce(Run run, AskSetup setup, String question, AskListener listener) {
        try (AskEngine engine = open(run, setup)) {
            return engine.ask(question, listener);
        }
    }

    public Run run() {
        return run;
    }

    /** The index as of the last question (or opening). */
    public CallIndex.Status status() {
        return status;
    }

    public Optional<ResolvedModel> model() {
        return model.model();
    }

    /** Why there is no model and how to configure one; null when there is a model. */
    public String whyNoModel() {
        return model.whyNone();
    }

    public Optional<Prompt> prompt() {
        return model.prompt();
    }

    public AskResult ask(String question, AskListener listener) {
        String q = question == null ? "" : question.strip();
        if (q.isEmpty()) {
            throw VaaException.usage("The question is empty.");
        }
        long t0 = System.nanoTime();
        refresh();
        long t1 = System.nanoTime();
        Set<String> terms = QueryTerms.of(index.analyzer(), q);
        List<CallIndex.Hit> hits = terms.isEmpty() ? List.of() : index.search(terms, setup.options().top());
        long t2 = System.nanoTime();
        AskContext context = new ContextBuilder(new QuoteFinder(index.analyzer(), index::transcriptIdf))
                .build(hits, terms, metrics(), setup.options().budgetTokens());
        long t3 = System.nanoTime();
        AskRecord.Retrieval retrieval = retrieval(terms, hits, context);
        if (model.model().isEmpty()) {
            AskRecord.Timings timings = new AskRecord.Timings(ms(t0, t1), ms(t1, t2), ms(t2, t3), null, null, ms(t0, t3));
            return save(new AskRecord(AskRecord.SCHEMA_VERSION, run.id(), run.now(), q, null, AskRecord.BY_NONE, null, null,
                    "An answer needs a model — " + model.whyNone(), List.of(), List.of(), ids(hits), new ArrayList<>(context.ids()),
                    retrieval, timings, null, null, null), context, CitationCheck.NONE);
        }
        listener.modelStarting(context);
        LlmResponse response;
        try {
            response = model.answer(variables(q, context), listener::delta);
        } finally {
            listener.modelFinished();
        }
        long t4 = System.nanoTime();
        CitationCheck check = Citations.check(response.content(), context.ids(), index::contains);
        AskRecord.Timings timings = new AskRecord.Timings(ms(t0, t1), ms(t1, t2), ms(t2, t3), response.ttftMs(), ms(t3, t4), ms(t0, t4));
        LlmResponse.Usage u = response.usage();
        return save(new AskRecord(AskRecord.SCHEMA_VERSION, run.id(), run.now(), q, response.content(), AskRecord.BY_MODEL,
                model.describeModel(), model.describePrompt(), null, check.cited(), check.flagged(), ids(hits),
                new ArrayList<>(context.ids()), retrieval, timings, new AskRecord.Usage(u.promptTokens(), u.completionTokens(),
                u.totalTokens(), u.cachedPromptTokens(), model.model().orElseThrow().entry().prices().paid(response, false)), response.cached(), null), context, check);
    }

    private AskResult save(AskRecord r, AskContext context, CitationCheck check) {
        AskArchive.Saved s = archive.save(r, context);
        return new AskResult(s.record(), context, check, s.json(), s.md());
    }

    private Map<String, Object> variables(String question, AskContext context) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("run_id", run.id());
        vars.put("question", question);
        vars.put("metrics", context.metrics().text());
        vars.put("calls", context.callsText());
        vars.put("call_count", context.calls().size());
        vars.put("total_calls", status.documents());
        return vars;
    }

    private AskRecord.Retrieval retrieval(Set<String> terms, List<CallIndex.Hit> hits, AskContext context) {
        Map<String, Float> scores = new LinkedHashMap<>();
        hits.forEach(h -> scores.put(h.callId(), h.score()));
        return new AskRecord.Retrieval(setup.options().top(), setup.options().budgetTokens(), context.estimatedTokens(),
                new ArrayList<>(terms), scores, context.dropped(), context.metrics().source(), status);
    }

    private void refresh() {
        status = index.refresh();
        requireAnalyses(run, status.documents(), status.unreadable());
    }

    /** Recomputed only when the analyses changed: with 10,000 calls, reading them all again costs seconds. */
    private MetricsSummary metrics() {
        if (metrics == null || !index.fingerprint().equals(metricsFingerprint)) {
            metrics = MetricsSummary.of(run, status.documents() + status.unreadable());
            metricsFingerprint = index.fingerprint();
        }
        return metrics;
    }

    private static List<String> ids(List<CallIndex.Hit> hits) {
        return hits.stream().map(CallIndex.Hit::callId).toList();
    }

    private static void requireAnalyses(Run run, int readable, int unreadable) {
        if (readable > 0) {
            return;
        }
        String flag = run.selector();
        String why = unreadable > 0 ? " none of its " + unreadable + " analysis files could be read" : " it has no analyses yet";
        throw VaaException.usage("Nothing to ask about in run " + run.id() + ":" + why + ". Analyse its calls first: vaa analyze " + flag
                + (unreadable > 0 ? " (see vaa metrics " + flag + " for the unreadable files)" : "") + ".");
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    @Override
    public void close() {
        try {
            index.close();
        } finally {
            model.close();
        }
    }
}
