package vaa.analysis;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import vaa.VaaException;
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
     * calls cost more (null: no limit); {@code estimate}: only say what judging would take, calling no model.
     */
    public record Options(String modelKey, String promptName, String promptLabel, Integer promptVersion,
                          String promptSource, int workers, Integer limit, boolean retryFailed, boolean truncate, Double maxCostUsd,
                          boolean estimate) {
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
        return new Options(p.modelKey(), name, label, version, source, p.workers(), p.limit(), p.retryFailed(), truncate,
                p.maxCostUsd(), p.estimate());
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
                o.retryFailed(), o.truncate(), o.maxCostUsd(), o.estimate());
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
        return new Analyzer(judge(null, model, prompt, run, o.truncate()), progress, messages, cancelled).estimate(run, o.analyzer());
    }

    private Judge judge(LlmClient client, ModelEntry model, Prompt prompt, Run run, boolean truncate) {
        Provenance base = new Provenance(model.key(), model.model(), model.provider(), prompt.name(), prompt.version(),
                prompt.source(), null, null, null, null, null, null);
        return new Judge(client, prompt, base, model.jsonSchema(), tracer, run.id(), model.contextWindow(), truncate, model.prices());
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
            Analyzer analyzer = new Analyzer(judge(client, model.entry(), prompt, run, o.truncate()), progress, messages, cancelled);
            messages.info(analyzer.estimate(run, o.analyzer(), true).describe());
            return analyzer.analyze(run, o.analyzer());
        }
    }
}
