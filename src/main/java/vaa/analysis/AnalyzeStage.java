package vaa.analysis;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import vaa.io.Env;
import vaa.io.MessageSink;
import vaa.io.ProgressSink;
import vaa.llm.LlmClient;
import vaa.llm.LlmOptions;
import vaa.llm.LlmRuntime;
import vaa.llm.ModelCatalog;
import vaa.llm.ModelChoice;
import vaa.llm.ResolvedModel;
import vaa.prompt.Prompt;
import vaa.prompt.PromptSelector;
import vaa.prompt.PromptSource;
import vaa.prompt.PromptSources;
import vaa.run.Run;

/** Wires stage 2: picks the model and prompt, records them in config.json, runs the {@link Analyzer}. */
public final class AnalyzeStage {
    public static final String DEFAULT_PROMPT = "call_analysis";

    /** The stage's options, as {@code vaa analyze} and {@code vaa run} take them. */
    public record Options(String modelKey, String promptName, String promptLabel, Integer promptVersion,
                          String promptSource, int workers, Integer limit, boolean retryFailed) {}

    private final Env env;
    private final Path workspace;
    private final MessageSink messages;
    private final ProgressSink progress;
    private final BooleanSupplier cancelled;

    public AnalyzeStage(Env env, Path workspace, MessageSink messages, ProgressSink progress, BooleanSupplier cancelled) {
        this.env = env;
        this.workspace = workspace;
        this.messages = messages;
        this.progress = progress;
        this.cancelled = cancelled;
    }

    public Analyzer.Result run(Run run, Options o) {
        ModelChoice choice = ModelChoice.select(ModelCatalog.load(workspace), o.modelKey(), ModelCatalog.ANALYSIS, env);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("workers", o.workers());
        args.put("analysis_model", choice.model().map(ResolvedModel::key).orElse(null));
        if (choice.model().isEmpty()) {
            messages.warn("Judgement skipped — " + choice.whyNone() + ". Writing structural analyses only.");
            run.updateConfig(c -> c.withArgs(args).withModels(Map.of("analysis", "none (structural only)")));
            return new Analyzer(null, progress, messages, cancelled).analyze(run, new Analyzer.Options(o.workers(), o.limit(), o.retryFailed()));
        }
        ResolvedModel model = choice.model().get();
        PromptSource prompts = PromptSources.create(env, workspace, PromptSources.Mode.parse(o.promptSource()));
        String promptName = o.promptName() == null ? DEFAULT_PROMPT : o.promptName();
        Prompt prompt = prompts.get(promptName, PromptSelector.of(o.promptLabel(), o.promptVersion()));
        run.updateConfig(c -> c.withArgs(args)
                .withModels(Map.of("analysis", describe(model)))
                .withPrompts(Map.of("analysis", promptInfo(prompt))));
        messages.info("Model:  " + model.key() + " (" + model.model() + " via " + model.host() + ")");
        messages.info("Prompt: " + prompt.describe());
        LlmOptions llmOptions = LlmOptions.defaults().withWorkers(o.workers()).withCacheDir(run.llmCacheDir());
        try (LlmRuntime runtime = new LlmRuntime(llmOptions)) {
            // a failed call's cached answer was unusable; retrying must ask the model afresh
            LlmClient client = runtime.open(model, o.retryFailed());
            Provenance base = new Provenance(model.key(), model.model(), model.provider(), prompt.name(), prompt.version(),
                    prompt.source(), null, null, null, null, null, null);
            Judge judge = new Judge(client, prompt, base, model.entry().jsonSchema());
            return new Analyzer(judge, progress, messages, cancelled).analyze(run, new Analyzer.Options(o.workers(), o.limit(), o.retryFailed()));
        }
    }

    /** Name, version, source, in that order: Map.of would shuffle config.json's keys from one JVM to the next. */
    private static Map<String, Object> promptInfo(Prompt prompt) {
        Map<String, Object> info = new java.util.LinkedHashMap<>();
        info.put("name", prompt.name());
        info.put("version", prompt.version());
        info.put("source", prompt.source());
        return info;
    }

    public static Map<String, Object> describe(ResolvedModel m) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("key", m.key());
        d.put("model", m.model());
        d.put("provider", m.provider());
        d.put("base_url", m.publicBaseUrl());   // a base URL may carry user:password or a key in its query
        d.put("params", m.params());
        return d;
    }
}
