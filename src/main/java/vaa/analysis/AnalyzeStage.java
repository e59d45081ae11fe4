package vaa.analysis;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import vaa.VaaException;
import vaa.batch.BatchLedger;
import vaa.batch.BatchRunner;
import vaa.llm.BatchLimits;
import vaa.llm.Provider;
import vaa.llm.ResponseCache;
import vaa.io.Env;
import vaa.io.MessageSink;
import vaa.io.ProgressSink;
import vaa.llm.LlmClient;
import vaa.llm.LlmOptions;
import vaa.llm.LlmRuntime;
import vaa.llm.ModelCatalog;
import vaa.llm.ModelChoice;
import vaa.llm.ModelEntry;
import vaa.llm.ResolvedModel;
import vaa.llm.Tracer;
import vaa.prompt.ModelSetup;
import vaa.prompt.Prompt;
import vaa.run.Run;
import vaa.run.RunConfig;

/** Wires stage 2: picks the model and prompt, records them in config.json, runs the {@link Analyzer}. */
public final class AnalyzeStage {
    public static final String DEFAULT_PROMPT = "call_analysis";

    /**
     * The stage's options, as {@code vaa analyze} and {@code vaa run} take them. {@code maxCostUsd}: stop before the run's
     * calls cost more (null: no limit); {@code estimate}: only say what judging would take, calling no model;
     * {@code batch}: through the provider's Batch API (null: as the run was before; see {@link #recordedPrompt}).
     */
    public record Options(String modelKey, String promptName, String promptLabel, Integer promptVersion,
                          String promptSource, int workers, Integer limit, boolean retryFailed, boolean truncate, Double maxCostUsd,
                          boolean estimate, Boolean batch) {
        public Options(String modelKey, String promptName, String promptLabel, Integer promptVersion, String promptSource,
                       int workers, Integer limit, boolean retryFailed, boolean truncate, Double maxCostUsd, boolean estimate) {
            this(modelKey, promptName, promptLabel, promptVersion, promptSource, workers, limit, retryFailed, truncate, maxCostUsd,
                    estimate, null);
        }

        /** Whether to judge through the Batch API. */
        public boolean batched() {
            return Boolean.TRUE.equals(batch);
        }

        Analyzer.Options analyzer() {
            return new Analyzer.Options(workers, limit, retryFailed, maxCostUsd);
        }
    }

    private final Env env;
    private final Path workspace;
    private final MessageSink messages;
    private final ProgressSink progress;
    private final BooleanSupplier cancelled;
    private final Tracer tracer;

    /** {@code tracer} records the model calls (opened and closed by the caller; {@link Tracer#OFF} for none). */
    public AnalyzeStage(Env env, Path workspace, MessageSink messages, ProgressSink progress, BooleanSupplier cancelled,
                        Tracer tracer) {
        this.env = env;
        this.workspace = workspace;
        this.messages = messages;
        this.progress = progress;
        this.cancelled = cancelled;
        this.tracer = tracer;
    }

    /**
     * The prompt asked for before (for runs made step by step, the one used) unless another is
     * named; a label or version asked for before stays pinned only while the prompt is unchanged.
     */
    public static Options recordedPrompt(Options p, RunConfig config) {
        Map<String, Object> a = config.args() == null ? Map.of() : config.args();
        Object used = config.prompts() != null && config.prompts().get("analysis") instanceof Map<?, ?> m ? m.get("name") : null;
        String inherited = a.get("prompt") instanceof String s ? s : used instanceof String s ? s : null;
        String name = p.promptName() != null ? p.promptName() : inherited;
        boolean chosenNow = p.promptLabel() != null || p.promptVersion() != null
                || p.promptName() != null && !p.promptName().equals(inherited);
        String label = chosenNow ? p.promptLabel() : a.get("prompt_label") instanceof String s ? s : null;
        Integer version = chosenNow ? p.promptVersion() : a.get("prompt_version") instanceof Number n ? n.intValue() : null;
        String source = p.promptSource() != null ? p.promptSource() : a.get("prompt_source") instanceof String s ? s : null;
        // --truncate, once given, stays with the run: its other calls are judged the same way on resume
        boolean truncate = p.truncate() || Boolean.TRUE.equals(a.get("truncate"));
        // so does --batch, except for --retry-failed: a few failed calls are redone live unless --batch is given again
        Boolean batch = p.batch() != null ? p.batch() : !p.retryFailed() && Boolean.TRUE.equals(a.get("batch"));
        return new Options(p.modelKey(), name, label, version, source, p.workers(), p.limit(), p.retryFailed(), truncate,
                p.maxCostUsd(), p.estimate(), batch);
    }

    /**
     * The run's analysis model and prompt where the command line names none: a retry, or the rest of a batch, is
     * judged as the calls before it were (the catalog's default model could be another one, or none at all).
     */
    static Options recorded(Options given, RunConfig config) {
        Options o = recordedPrompt(given, config);
        Object model = config.args() == null ? null : config.args().get("analysis_model");
        return o.modelKey() != null || !(model instanceof String key) ? o
                : new Options(key, o.promptName(), o.promptLabel(), o.promptVersion(), o.promptSource(), o.workers(), o.limit(),
                o.retryFailed(), o.truncate(), o.maxCostUsd(), o.estimate(), o.batch());
    }

    /**
     * What judging the run's remaining calls would take ({@link CostEstimate}): the model and prompt are chosen as
     * {@link #run} would, the prompts compiled for those calls; no model is called and nothing is written.
     */
    public CostEstimate estimate(Run run, Options given) {
        Options o = recorded(given, run.config());
        ModelSetup models = ModelSetup.load(env, workspace, o.promptSource(), messages);
        // the model's API key is not needed to say what its calls would cost, so the entry is taken without it
        String key = o.modelKey() != null ? o.modelKey().strip() : models.catalog().defaultFor(ModelCatalog.ANALYSIS).orElse(null);
        if (key == null) {
            return CostEstimate.none();
        }
        ModelEntry model = models.catalog().entry(key);
        Prompt prompt = models.prompt(o.promptName(), DEFAULT_PROMPT, o.promptLabel(), o.promptVersion());
        return new Analyzer(judge(null, model, prompt, run, o.truncate()), o.batched() ? BATCH_PRICES : null, progress, messages, cancelled)
                .estimate(run, o.analyzer());
    }

    /** Stands for the Batch API where only its prices matter (an estimate). */
    private static final BatchAnalysis BATCH_PRICES = new BatchAnalysis(null, null, null, null, null);

    private Judge judge(LlmClient client, ModelEntry model, Prompt prompt, Run run, boolean truncate) {
        Provenance base = new Provenance(model.key(), model.model(), model.provider(), prompt.name(), prompt.version(),
                prompt.source(), null, null, null, null, null, null);
        return new Judge(client, prompt, base, model.jsonSchema(), tracer, run.id(), model.contextWindow(), truncate, model.prices());
    }

    /**
     * What is wrong with the options whatever the run: a model named with {@code --model} that the catalog does not
     * know or whose key is not set. Checked before a command resolves its run, so that {@code --run-id NEW} leaves no
     * empty run behind; {@code --estimate} needs no key. The catalog is read only when a model is named.
     */
    public static void checkModel(Path workspace, Env env, Options o) {
        if (o.modelKey() == null || o.modelKey().isBlank()) {
            return;
        }
        ModelCatalog catalog = ModelCatalog.load(workspace);
        if (o.estimate()) {
            catalog.entry(o.modelKey().strip());
        } else {
            catalog.resolve(o.modelKey().strip(), env);
        }
    }

    /**
     * What {@code --batch} cannot do, known before a run is sampled or a call is sent: a provider without a Batch API,
     * {@code --max-cost} (a batch is paid as a whole, after the fact). {@code vaa run} checks it before making the run.
     */
    public static void checkBatch(ModelCatalog catalog, ModelEntry model, Double maxCostUsd) {
        Provider provider = catalog.providers().get(model.provider());
        if (provider == null || provider.batchApi().isEmpty()) {
            throw VaaException.usage("Model " + model.key() + "'s provider " + model.provider() + " has no Batch API in the model"
                    + " catalog. Run without --batch, or, if it serves OpenAI's Batch API, say so in vaa-models.json: {\"providers\": {\""
                    + model.provider() + "\": {\"batch\": {\"max_requests\": 50000, \"max_bytes\": 209715200}}}}");
        }
        if (maxCostUsd != null) {
            throw VaaException.usage("--max-cost cannot be used with --batch: a batch is submitted whole and billed after it ends, so"
                    + " vaa cannot stop it at a limit. Check the cost first with --estimate (it gives the batch price), or run without --batch");
        }
    }

    /** The provider's limits per batch, after {@link #checkBatch}; refuses batches of the run at the provider for another model. */
    private static BatchLimits batchLimits(ModelCatalog catalog, ResolvedModel model, List<BatchLedger.Entry> atProvider, Run run, Options o) {
        checkBatch(catalog, model.entry(), o.maxCostUsd());
        for (BatchLedger.Entry e : atProvider) {
            if (!model.key().equals(e.model())) {
                throw VaaException.usage("Run " + run.id() + " has a batch" + (e.batchId() == null ? "" : " (" + e.batchId() + ")")
                        + " for model " + e.model() + " not yet collected; resume it with that model: --model " + e.model());
            }
        }
        return catalog.providers().get(model.entry().provider()).batchApi().orElseThrow();
    }

    public Analyzer.Result run(Run run, Options given) {
        Options o = recorded(given, run.config());
        ModelSetup models = ModelSetup.load(env, workspace, o.promptSource(), messages);
        ModelChoice choice = models.model(o.modelKey(), ModelCatalog.ANALYSIS);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("workers", o.workers());
        args.put("analysis_model", choice.model().map(ResolvedModel::key).orElse(null));
        if (o.truncate()) {
            args.put("truncate", true);
        }
        List<BatchLedger.Entry> atProvider = BatchLedger.of(run).entries().stream().filter(BatchLedger.Entry::open).toList();
        if (!atProvider.isEmpty() && !o.batched()) {
            if (Boolean.FALSE.equals(o.batch())) {
                throw VaaException.usage("Run " + run.id() + " has " + atProvider.size() + " batch" + (atProvider.size() == 1 ? "" : "es")
                        + " not yet collected (see vaa runs show " + run.id() + "); judging their calls live would pay for them twice."
                        + " Collect them first: vaa analyze --batch " + run.selector());
            }
            // batches of the run are still at the provider: they are collected, never submitted again or judged live
            o = new Options(o.modelKey(), o.promptName(), o.promptLabel(), o.promptVersion(), o.promptSource(), o.workers(),
                    o.limit(), o.retryFailed(), o.truncate(), o.maxCostUsd(), o.estimate(), true);
        }
        if (o.batched()) {
            args.put("batch", true);
        }
        if (choice.model().isEmpty()) {
            messages.warn("Judgement skipped — " + choice.whyNone() + ". Writing structural analyses only.");
            run.updateConfig(c -> c.withArgs(args).withModels(Map.of("analysis", "none (structural only)")));
            return new Analyzer(null, progress, messages, cancelled).analyze(run, o.analyzer());
        }
        ResolvedModel model = choice.model().get();
        if (o.maxCostUsd() != null && !model.entry().prices().known()) {
            throw VaaException.usage("--max-cost needs the model's price, and the catalog has none for \"" + model.key()
                    + "\". Add one to vaa-models.json, e.g. {\"models\": {\"" + model.key()
                    + "\": {\"price\": {\"input\": 0.15, \"output\": 0.60}}}} (USD per 1M tokens), or run without --max-cost");
        }
        BatchLimits limits = o.batched() ? batchLimits(models.catalog(), model, atProvider, run, o) : null;
        Prompt prompt = models.prompt(o.promptName(), DEFAULT_PROMPT, o.promptLabel(), o.promptVersion());
        run.updateConfig(c -> c.withArgs(args)
                .withModels(Map.of("analysis", ModelSetup.describe(model)))
                .withPrompts(Map.of("analysis", ModelSetup.describe(prompt))));
        messages.info("Model:  " + ModelSetup.label(model));
        messages.info("Prompt: " + prompt.describe());
        LlmOptions llmOptions = LlmOptions.defaults().withWorkers(o.workers()).withCacheDir(run.llmCacheDir());
        try (LlmRuntime runtime = new LlmRuntime(llmOptions, tracer).cancelledBy(cancelled)) {
            // a failed call's cached answer was unusable; retrying must ask the model afresh
            LlmClient client = runtime.open(model, o.retryFailed());
            BatchAnalysis batch = limits == null ? null : new BatchAnalysis(model, runtime.batchApi(model), limits,
                    new ResponseCache(run.llmCacheDir()), BatchRunner.Poll.from(env));
            Analyzer analyzer = new Analyzer(judge(client, model.entry(), prompt, run, o.truncate()), batch, progress, messages, cancelled);
            messages.info(analyzer.estimate(run, o.analyzer(), true).describe());
            return analyzer.analyze(run, o.analyzer());
        }
    }
}
