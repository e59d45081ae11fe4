package vaa.insights;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import vaa.VaaException;
import vaa.extract.NlFields;
import vaa.io.Env;
import vaa.io.Json;
import vaa.io.MessageSink;
import vaa.llm.CostMeter;
import vaa.llm.LlmOptions;
import vaa.llm.LlmRuntime;
import vaa.llm.ModelCatalog;
import vaa.llm.ModelChoice;
import vaa.llm.ResolvedModel;
import vaa.llm.Tracer;
import vaa.prompt.ModelSetup;
import vaa.prompt.Prompt;
import vaa.run.Run;
import vaa.run.Stage;
import vaa.run.StageRunner;
import vaa.run.StageStatus;

/**
 * Stage 5 (status {@code insights}): picks the model and prompts, records them in config.json,
 * produces reports/insights.json and insights.md — synthesised by the model, or computed from the
 * metrics and plainly labelled so when no model is configured. A failed model step leaves
 * reports/insights.error.json with the model's raw answer.
 */
public final class InsightsStage {
    public static final String DEFAULT_PROMPT = "insights";
    public static final String DEFAULT_CHUNK_PROMPT = "insights_chunk";

    /**
     * The stage's options as {@code vaa insights} and {@code vaa run} take them. Nulls mean defaults:
     * the catalog's insights model, the built-in prompts, the model's default context budget.
     * {@code promptLabel} applies to both prompts, {@code promptVersion} only to the main one.
     */
    public record Options(String modelKey, String promptName, String chunkPromptName, String promptLabel,
                          Integer promptVersion, String promptSource, Integer contextBudget, int workers) {
        public Options {
            if (workers < 1) {
                throw VaaException.usage("--workers must be at least 1");
            }
            if (contextBudget != null && contextBudget < 1) {
                throw VaaException.usage("--context-budget must be a positive number of tokens, got " + contextBudget);
            }
        }

        public static Options defaults() {
            return new Options(null, null, null, null, null, null, null, 4);
        }

        public Options withModel(String key) {
            return new Options(key, promptName, chunkPromptName, promptLabel, promptVersion, promptSource, contextBudget, workers);
        }
    }

    private final Env env;
    private final Path workspace;
    private final MessageSink messages;
    private final BooleanSupplier cancelled;
    private final Tracer tracer;

    /**
     * {@code tracer} records the model calls, all in one trace: the batches and the merge of one synthesis
     * belong together (opened and closed by the caller; {@link Tracer#OFF} for none).
     */
    public InsightsStage(Env env, Path workspace, MessageSink messages, BooleanSupplier cancelled, Tracer tracer) {
        this.env = env;
        this.workspace = workspace;
        this.messages = messages;
        this.cancelled = cancelled;
        this.tracer = tracer;
    }

    public InsightsReport run(Run run, Options o) {
        // Inputs and the model are checked before the stage is marked running: a missing file is a usage error, not a failed stage.
        JsonNode metrics = readMetrics(run);
        ModelSetup models = ModelSetup.load(env, workspace, o.promptSource(), messages);
        ModelChoice choice = models.model(o.modelKey(), ModelCatalog.INSIGHTS);
        NlFields fields = choice.model().isPresent() ? NlFields.read(run) : readIfPresent(run);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("insights_model", choice.model().map(ResolvedModel::key).orElse(null));
        args.put("context_budget", o.contextBudget());
        run.updateConfig(c -> c.withArgs(args));

        InsightsReport[] holder = new InsightsReport[1];
        StageRunner.run(run, Stage.INSIGHTS, () -> {
            InsightsReport report = produce(run, o, models, choice, metrics, fields);
            run.writeJson(InsightsReport.jsonFile(run), report);
            run.writeString(InsightsReport.markdownFile(run), InsightsMarkdown.render(report));
            deleteIfExists(InsightsReport.errorFile(run));
            holder[0] = report;
            Map<String, Object> detail = detail(report);
            Map<String, Object> traced = report.model() == null ? Map.of() : tracer.flush();
            if (!traced.isEmpty()) {
                detail.put("tracing", traced);
            }
            return new StageRunner.Done(report.themes().size(), detail);
        });
        return holder[0];
    }

    private InsightsReport produce(Run run, Options o, ModelSetup models, ModelChoice choice, JsonNode metrics, NlFields fields) {
        if (choice.model().isEmpty()) {
            messages.warn("Insights computed without a model — " + choice.whyNone() + ".");
            return computed(run, metrics, fields, choice.whyNone(), howToConfigure(run, models.catalog()));
        }
        if (fields.calls().isEmpty()) {
            String why = "no call of this run has a model judgement (the analyses are structural only), so there are no notes for a model to read";
            messages.warn("Insights computed without a model — " + why + ".");
            return computed(run, metrics, fields, why, "Analyse the calls with a model first (vaa analyze --retry-failed --model KEY "
                    + runFlag(run) + "), then run vaa extract and vaa insights again.");
        }
        warnIfStale(metrics, fields);
        ResolvedModel model = choice.model().get();
        Prompt main = models.prompt(o.promptName(), DEFAULT_PROMPT, o.promptLabel(), o.promptVersion());
        Prompt chunk = models.prompt(o.chunkPromptName(), DEFAULT_CHUNK_PROMPT, o.promptLabel(), null);
        requireNotes(main);
        requireNotes(chunk);
        Map<String, Object> modelInfo = ModelSetup.describe(model);
        run.updateConfig(c -> c.withModels(Map.of("insights", modelInfo)).withPrompts(Map.of("insights", promptInfo(main, null))));
        InsightBudget budget = InsightBudget.forModel(model, o.contextBudget());
        messages.info("Model:  " + ModelSetup.label(model));
        messages.info("Prompt: " + main.describe() + "; context budget " + budget.tokens() + " tokens (" + budget.basis() + ")");

        boolean retry = Files.exists(InsightsReport.errorFile(run));
        if (retry) {
            // the cached answer of the failed attempt would fail the same way
            messages.info("The previous insights attempt failed; asking the model afresh rather than replaying cached answers.");
        }
        LlmOptions llmOptions = LlmOptions.defaults().withWorkers(o.workers()).withCacheDir(run.llmCacheDir());
        InsightSynthesizer.Result result;
        Double costUsd;
        Tracer.Start start = new Tracer.Start("insights", run.id(), "insights", model.key(), main.traceRef(), Map.of());
        try (LlmRuntime runtime = new LlmRuntime(llmOptions, tracer); Tracer.Span trace = tracer.trace(start)) {
            CostMeter client = new CostMeter(runtime.open(model, retry), model.entry().prices());
            try {
                result = new InsightSynthesizer(client, main, chunk, model.entry().jsonSchema(), budget, o.workers(), messages,
                        cancelled, trace).synthesize(run.id(), metrics, fields);
                costUsd = client.usd();
            } catch (VaaException e) {
                trace.fail(e.getMessage());
                throw e;
            }
        } catch (InsightFailure f) {
            writeError(run, f, modelInfo, promptInfo(main, chunk));
            throw f;
        }
        Map<String, Object> prompt = promptInfo(main, result.usedChunkPrompt() ? chunk : null);
        run.updateConfig(c -> c.withPrompts(Map.of("insights", prompt)));
        if (!result.invalidIdsRemoved().isEmpty()) {
            boolean one = result.invalidIdsRemoved().size() == 1;
            messages.warn(result.invalidIdsRemoved().size() + (one ? " supporting call id was not a call of this run and was"
                    : " supporting call ids were not calls of this run and were") + " removed (listed under invalid_ids_removed in insights.json).");
        }
        return new InsightsReport(InsightsReport.SCHEMA_VERSION, run.id(), run.now(), InsightsReport.BY_MODEL, null,
                modelInfo, prompt, null, null, result.method(), inputs(metrics, fields), result.summary(), result.themes(),
                result.invalidIdsRemoved(), result.usage(), costUsd);
    }

    private InsightsReport computed(Run run, JsonNode metrics, NlFields fields, String why, String how) {
        run.updateConfig(c -> c.withModels(Map.of("insights", "none (computed without a model)"))
                .withPrompts(Map.of("insights", "none (computed without a model)")));
        InsightsWithoutModel.Computed c = InsightsWithoutModel.compute(run, metrics, fields);
        String notice = "These themes are computed from metrics.json" + (fields == null ? "" : " and nl_fields.json")
                + " by fixed rules: the largest failure outcomes, friction and agent-error categories by count, and the slowest"
                + " responses. No model read the calls.";
        return new InsightsReport(InsightsReport.SCHEMA_VERSION, run.id(), run.now(), InsightsReport.COMPUTED, notice,
                null, null, why, how, InsightMethod.computed(), inputs(metrics, fields), c.summary(), c.themes(), List.of(), null, null);
    }

    private String howToConfigure(Run run, ModelCatalog catalog) {
        String keyHint = catalog.defaultFor(ModelCatalog.INSIGHTS)
                .flatMap(catalog::find)
                .filter(e -> e.needsKey())
                .map(e -> "set " + String.join(" or ", e.apiKeyEnv()) + " (for the default insights model \"" + e.key()
                        + "\") in the environment or .env, or ")
                .orElse("");
        return "To have a model synthesise themes: " + keyHint + "pass --model KEY (see vaa models list); then run: vaa insights " + runFlag(run);
    }

    /** A prompt that never shows the notes would have the model invent themes; refuse it. */
    private static void requireNotes(Prompt p) {
        if (!p.variables().contains("notes")) {
            throw VaaException.usage("Prompt " + p.describe() + " has no {{notes}} variable, so the model would never see the calls."
                    + " Its variables: " + p.variables());
        }
    }

    private void warnIfStale(JsonNode metrics, NlFields fields) {
        int judged = metrics.path("calls").path("with_judgement").asInt(-1);
        if (judged >= 0 && judged != fields.counts().withJudgement()) {
            messages.warn("metrics.json counts " + judged + " judged calls but nl_fields.json " + fields.counts().withJudgement()
                    + "; one of them is out of date (run vaa metrics and vaa extract again).");
        }
    }

    private static Map<String, Object> promptInfo(Prompt p, Prompt chunk) {
        Map<String, Object> m = ModelSetup.describe(p);
        if (chunk != null) {
            m.put("chunk_prompt", ModelSetup.describe(chunk));
        }
        return m;
    }

    private static Map<String, Object> inputs(JsonNode metrics, NlFields fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metrics", "reports/metrics.json");
        m.put("metrics_generated_at", metrics.path("generated_at").asText(null));
        m.put("analyses", metrics.path("calls").path("analyses").asInt());
        m.put("with_judgement", metrics.path("calls").path("with_judgement").asInt());
        m.put("nl_fields", fields == null ? null : "reports/" + NlFields.FILE);
        m.put("calls_in_notes", fields == null ? null : fields.calls().size());
        return m;
    }

    private static Map<String, Object> detail(InsightsReport r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("produced_by", r.producedBy());
        d.put("mode", r.method().mode());
        d.put("themes", r.themes().size());
        if (r.model() != null) {
            d.put("model", r.model().get("key"));
            d.put("requests", r.method().requests());
            d.put("chunks", r.method().chunks());
            d.put("invalid_ids_removed", r.invalidIdsRemoved().size());
            d.put("tokens", r.usage());
            d.put(StageStatus.COST_USD, r.costUsd());
            if (r.costUsd() == null) {
                int requests = r.method().requests() == null ? 0 : r.method().requests();
                d.put(StageStatus.UNPRICED_CALLS, Math.max(1, requests - (r.method().cachedRequests() == null ? 0 : r.method().cachedRequests())));
            }
        } else {
            d.put("model_skipped_reason", r.modelSkippedReason());
        }
        return d;
    }

    private static void writeError(Run run, InsightFailure f, Map<String, Object> model, Map<String, Object> prompt) {
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("failed_at", run.now());
        err.put("step", f.step());
        err.put("error", f.getMessage());
        err.put("raw_output", f.rawOutput());
        err.put("model", model);
        err.put("prompt", prompt);
        run.writeJson(InsightsReport.errorFile(run), err);
    }

    static JsonNode readMetrics(Run run) {
        Path file = run.reportsDir().resolve("metrics.json");
        if (!Files.isRegularFile(file)) {
            throw VaaException.usage("Run " + run.id() + " has no reports/metrics.json. Compute the metrics first: vaa metrics " + runFlag(run));
        }
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw VaaException.failure("Cannot read " + file + ": " + e.getMessage() + ". Compute it again: vaa metrics " + runFlag(run), e);
        }
    }

    private static NlFields readIfPresent(Run run) {
        return Files.isRegularFile(NlFields.file(run)) ? NlFields.read(run) : null;
    }

    static String runFlag(Run run) {
        return run.selector();
    }

    private static void deleteIfExists(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw VaaException.failure("Cannot remove " + p + ": " + e.getMessage(), e);
        }
    }
}
