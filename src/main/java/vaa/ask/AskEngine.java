package vaa.ask;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import vaa.VaaException;
import vaa.llm.ChatMessage;
import vaa.llm.LlmClient;
import vaa.llm.LlmException;
import vaa.llm.LlmOptions;
import vaa.llm.LlmRequest;
import vaa.llm.LlmResponse;
import vaa.llm.LlmRuntime;
import vaa.llm.ModelCatalog;
import vaa.llm.ResolvedModel;
import vaa.pipeline.ModelChoice;
import vaa.prompt.Prompt;
import vaa.prompt.PromptSelector;
import vaa.prompt.PromptSources;
import vaa.run.Run;

/**
 * Answers questions about one run: retrieve the best-matching calls from the index, build the
 * context within the budget, ask the model (streaming), check the citations, save the record.
 *
 * <p>The model is the catalog's {@code ask} default when a workspace catalog names one, else its
 * {@code insights} default: answering from many calls' notes and the run's metrics is the same
 * synthesis the insights stage does, so it gets the same (stronger) model, and the built-in catalog
 * needs no new role. Asking only reads the run; it takes no run lock, so it neither waits for nor
 * blocks a command writing the run. What it adds (the index, reports/asks/) is coordinated apart.
 */
public final class AskEngine implements AutoCloseable {
    static final String ROLE = "ask";
    /** Sampling settings a prompt's config may carry (Langfuse's convention); anything else in the config is not sent. */
    private static final List<String> PROMPT_PARAMS = List.of("temperature", "top_p", "max_tokens", "max_completion_tokens");

    /** One answer at a time, plus room for a few cancelled ones still draining, so a new question never waits for them. */
    private static final int CALLS_IN_FLIGHT = 4;

    private final Run run;
    private final AskSetup setup;
    private final CallIndex index;
    private final AskArchive archive;
    private final ModelChoice choice;
    private final Prompt prompt;
    private final LlmRuntime runtime;
    private final LlmClient client;
    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "vaa-ask-model");
        t.setDaemon(true);
        return t;
    });
    private CallIndex.Status status;
    private MetricsSummary metrics;
    private String metricsFingerprint;

    private AskEngine(Run run, AskSetup setup, CallIndex index, ModelChoice choice, Prompt prompt, LlmRuntime runtime,
                      LlmClient client) {
        this.run = run;
        this.setup = setup;
        this.index = index;
        this.archive = new AskArchive(run, setup.clock());
        this.choice = choice;
        this.prompt = prompt;
        this.runtime = runtime;
        this.client = client;
    }

    /**
     * Checks the run has analyses and the model and prompt are usable, then brings the index up to
     * date. A run with no analyses is bad input (exit 2): there is nothing to answer from.
     */
    public static AskEngine open(Run run, AskSetup setup) {
        requireAnalyses(run, run.analysedCount(), 0);
        AskOptions o = setup.options();
        ModelCatalog catalog = ModelCatalog.load(setup.workspace());
        String role = catalog.defaultFor(ROLE).isPresent() ? ROLE : ModelCatalog.INSIGHTS;
        ModelChoice choice = ModelChoice.select(catalog, o.modelKey(), role, setup.env());
        Prompt prompt = null;
        LlmRuntime runtime = null;
        LlmClient client = null;
        if (choice.model().isPresent()) {
            prompt = PromptSources.create(setup.env(), setup.workspace(), PromptSources.Mode.parse(o.promptSource()))
                    .get(o.prompt(), PromptSelector.of(o.promptLabel(), o.promptVersion()));
            requireVariables(prompt);
            runtime = new LlmRuntime(LlmOptions.defaults().withWorkers(CALLS_IN_FLIGHT).withCacheDir(run.cacheDir().resolve("llm")));
            client = runtime.open(choice.model().get(), o.noCache());
        }
        CallIndex index = CallIndex.open(run, setup.messages());
        AskEngine engine = new AskEngine(run, setup, index, choice, prompt, runtime, client);
        try {
            engine.refresh();
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    public Run run() {
        return run;
    }

    /** The index as of the last question (or opening). */
    public CallIndex.Status status() {
        return status;
    }

    public Optional<ResolvedModel> model() {
        return choice.model();
    }

    /** Why there is no model and how to configure one; null when there is a model. */
    public String whyNoModel() {
        return choice.whyNone();
    }

    public Optional<Prompt> prompt() {
        return Optional.ofNullable(prompt);
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
        int top = setup.options().top();
        List<CallIndex.Hit> hits = terms.isEmpty() ? List.of() : index.search(terms, top);
        long t2 = System.nanoTime();
        AskContext context = new ContextBuilder(new QuoteFinder(index.analyzer(), index::transcriptIdf))
                .build(hits, terms, metrics(), setup.options().budgetTokens());
        long t3 = System.nanoTime();
        AskRecord.Retrieval retrieval = retrieval(terms, hits, context);
        if (choice.model().isEmpty()) {
            AskRecord.Timings timings = new AskRecord.Timings(ms(t0, t1), ms(t1, t2), ms(t2, t3), null, null, ms(t0, t3));
            AskRecord r = record(q, null, AskRecord.BY_NONE, null, null, "An answer needs a model — " + choice.whyNone(),
                    CitationCheck.NONE, hits, context, retrieval, timings, null, null);
            return saved(r, context, CitationCheck.NONE);
        }
        ResolvedModel model = choice.model().get();
        listener.modelStarting(context);
        LlmResponse response;
        try {
            response = complete(request(q, context), listener);
        } finally {
            listener.modelFinished();
        }
        long t4 = System.nanoTime();
        CitationCheck check = Citations.check(response.content(), context.ids(), index::contains);
        AskRecord.Timings timings = new AskRecord.Timings(ms(t0, t1), ms(t1, t2), ms(t2, t3), response.ttftMs(), ms(t3, t4), ms(t0, t4));
        LlmResponse.Usage u = response.usage();
        AskRecord r = record(q, response.content(), AskRecord.BY_MODEL, describe(model), describe(prompt), null, check, hits, context,
                retrieval, timings, new AskRecord.Usage(u.promptTokens(), u.completionTokens(), u.totalTokens()), response.cached());
        return saved(r, context, check);
    }

    /**
     * The model call runs on a worker so that an interrupt of the asking thread (Ctrl+C in a session)
     * stops the answer at once: a thread blocked reading a socket does not notice an interrupt until
     * the provider sends the next bytes, which for a thinking model can be many seconds away. The
     * abandoned call is interrupted too and ends at its next chunk; its text is dropped.
     */
    private LlmResponse complete(LlmRequest request, AskListener listener) {
        AtomicBoolean abandoned = new AtomicBoolean();
        Future<LlmResponse> call = calls.submit(() -> client.complete(request, d -> {
            if (!abandoned.get()) {
                listener.delta(d);
            }
        }));
        try {
            return call.get();
        } catch (InterruptedException e) {
            abandoned.set(true);
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw LlmException.interrupted(choice.model().get().host());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw VaaException.failure("The model call failed: " + e.getCause(), e.getCause());
        }
    }

    private AskResult saved(AskRecord r, AskContext context, CitationCheck check) {
        AskArchive.Saved s = archive.save(r, context);
        return new AskResult(s.record(), context, check, s.json(), s.md());
    }

    private AskRecord record(String q, String answer, String by, Map<String, Object> model, Map<String, Object> promptInfo,
                             String skipped, CitationCheck check, List<CallIndex.Hit> hits, AskContext context,
                             AskRecord.Retrieval retrieval, AskRecord.Timings timings, AskRecord.Usage usage, Boolean cached) {
        List<String> retrieved = hits.stream().map(CallIndex.Hit::callId).toList();
        return new AskRecord(AskRecord.SCHEMA_VERSION, run.id(), run.now(), q, answer, by, model, promptInfo, skipped,
                check.cited(), check.flagged(), retrieved, new ArrayList<>(context.ids()), retrieval, timings, usage, cached, null);
    }

    private AskRecord.Retrieval retrieval(Set<String> terms, List<CallIndex.Hit> hits, AskContext context) {
        Map<String, Float> scores = new LinkedHashMap<>();
        hits.forEach(h -> scores.put(h.callId(), h.score()));
        return new AskRecord.Retrieval(setup.options().top(), setup.options().budgetTokens(), context.estimatedTokens(),
                new ArrayList<>(terms), scores, context.dropped(), context.metrics().source(), status);
    }

    private LlmRequest request(String question, AskContext context) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("run_id", run.id());
        vars.put("question", question);
        vars.put("metrics", context.metrics().text());
        vars.put("calls", context.callsText());
        vars.put("call_count", context.calls().size());
        vars.put("total_calls", status.documents());
        List<ChatMessage> messages = prompt.compile(vars);
        LlmRequest request = LlmRequest.of(messages);
        JsonNode config = prompt.config();
        for (String p : PROMPT_PARAMS) {
            if (config.path(p).isNumber()) {
                request = request.withParam(p, config.path(p).numberValue());
            }
        }
        return request;
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

    private static void requireAnalyses(Run run, int readable, int unreadable) {
        if (readable > 0) {
            return;
        }
        String flag = run.isLegacy() ? "--legacy" : "--run-id " + run.id();
        String why = unreadable > 0 ? " none of its " + unreadable + " analysis files could be read" : " it has no analyses yet";
        throw VaaException.usage("Nothing to ask about in run " + run.id() + ":" + why + ". Analyse its calls first: vaa analyze " + flag
                + (unreadable > 0 ? " (see vaa metrics " + flag + " for the unreadable files)" : "") + ".");
    }

    /** A prompt that never shows the question or the calls would have the model answer blind; refuse it. */
    private static void requireVariables(Prompt p) {
        List<String> vars = p.variables();
        if (!vars.contains("question") || !vars.contains("calls")) {
            throw VaaException.usage("Prompt " + p.describe() + " must use {{question}} and {{calls}} (and may use {{metrics}},"
                    + " {{run_id}}, {{call_count}}, {{total_calls}}). Its variables: " + vars);
        }
    }

    private static Map<String, Object> describe(ResolvedModel m) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("key", m.key());
        d.put("model", m.model());
        d.put("provider", m.provider());
        d.put("host", m.host());
        return d;
    }

    private static Map<String, Object> describe(Prompt p) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", p.name());
        d.put("version", p.version());
        d.put("source", p.source());
        return d;
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    @Override
    public void close() {
        calls.shutdownNow();
        try {
            index.close();
        } finally {
            if (runtime != null) {
                runtime.close();
            }
        }
    }
}
