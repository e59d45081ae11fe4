package vaa.pipeline;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import vaa.VaaException;
import vaa.agree.LabelSources;
import vaa.analysis.AnalyzeStage;
import vaa.analysis.Analyzer;
import vaa.extract.ExtractStage;
import vaa.insights.InsightsStage;
import vaa.io.Env;
import vaa.io.MessageSink;
import vaa.io.ProgressSink;
import vaa.llm.Tracer;
import vaa.metrics.MetricsStage;
import vaa.report.ReportStage;
import vaa.run.Run;
import vaa.run.RunConfig;
import vaa.run.RunFork;
import vaa.run.Stage;
import vaa.sample.Sampler;
import vaa.transcript.TranscriptReaders;

/**
 * {@code vaa run}: sample → analyze → metrics → extract → insights → report in one run, each
 * stage's status kept as it goes. With resume, completed stages are skipped and analysis picks up
 * per call; the original arguments come from config.json unless overridden, and config.json keeps
 * them as recorded. A run whose every stage completed is sealed, unless calls are left failed: it
 * is then partial, and {@code --retry-failed} tries them again and redoes the stages after analysis.
 */
public final class Pipeline {
    /** Everything the pipeline was asked; null fields mean "not given" (resume fills them from config.json). */
    public record Options(Integer n, Path source, Long seed, List<Sampler.Where> where, Integer workers, String model,
                          String insightsModel, Set<Stage> stages, String by, AnalyzeStage.Options promptOptions) {
        public Options withSource(Path newSource) {
            return new Options(n, newSource, seed, where, workers, model, insightsModel, stages, by, promptOptions);
        }
    }

    /** How the pipeline ended: the stages it ran or skipped, and the last analysis result. */
    public record Result(Map<Stage, String> stages, Analyzer.Result analysis, boolean sealed) {}

    private final Env env;
    private final Path workspace;
    private final MessageSink messages;
    private final ProgressSink progress;
    private final BooleanSupplier cancelled;
    private final Tracer tracer;

    /** {@code tracer} records the model-backed stages' calls; the caller opens and closes it. */
    public Pipeline(Env env, Path workspace, MessageSink messages, ProgressSink progress, BooleanSupplier cancelled, Tracer tracer) {
        this.env = env;
        this.workspace = workspace;
        this.messages = messages;
        this.progress = progress;
        this.cancelled = cancelled;
        this.tracer = tracer;
    }

    public Result run(Run run, Options given, boolean resume) {
        run.requireNotSealed();
        Options o = resume ? fromConfig(given, run.config()) : given;
        return execute(run, withDefaults(o), resume);
    }

    /**
     * What a run is started with once defaults are filled in (a fork's: its parent's options where none is given):
     * recorded in config.json by the write that creates the run, so a kill at any later point can be resumed.
     */
    public static Map<String, Object> startArgs(Options given, Run parent) {
        return args(withDefaults(parent == null ? given : fromConfig(given, parent.config())));
    }

    /**
     * A run with no recorded arguments and no sample (made by a stage command, {@code vaa analyze --run-id X}, or by a
     * version of vaa that recorded them later) has nothing to resume it with; guessing defaults would sample another
     * source. Refused (exit 2) with the way forward, which is not another --resume.
     */
    public static void requireResumable(Run run) {
        RunConfig config = run.config();
        if (run.isLegacy() || config.args() != null && config.args().containsKey("sample_size") || config.parentRun() != null
                || run.status().stage(Stage.SAMPLING).isCompleted()) {
            return;
        }
        throw VaaException.usage("Run " + run.id() + " has no recorded arguments and no sample, so there is nothing to"
                + " resume. Start it with its arguments instead (without --resume): vaa run " + run.selector() + " -n N --source DIR ...");
    }

    /**
     * {@code vaa run --from PARENT}: a new run on the parent's sample (see {@link RunFork}). What
     * is not given again is the parent's — model, insights model, prompt, workers, {@code --by} —
     * so one changed option is the only difference between the two runs.
     */
    public Result fork(Run parent, Run child, Options given) {
        requireForkable(parent, given);
        RunFork.fork(parent, child);
        return execute(child, withDefaults(fromConfig(given, parent.config())), true);
    }

    /** The sample is the parent's: options that would draw another are refused (before a new run is made, by {@link RunService}). */
    static void requireForkable(Run parent, Options given) {
        if (given.n() != null || given.source() != null || given.seed() != null || !given.where().isEmpty()) {
            throw VaaException.usage("--from reuses the sample of run " + parent.id()
                    + ", so -n, --source, --seed and --where cannot be given with it.");
        }
        RunFork.requireSample(parent);
    }

    private Result execute(Run run, Options o, boolean skipCompleted) {
        recordArgs(run, o);
        boolean retryFailed = o.promptOptions() != null && o.promptOptions().retryFailed();
        Map<Stage, String> done = new LinkedHashMap<>();
        Analyzer.Result analysis = null;
        String parent = run.config().parentRun();
        for (Stage stage : Stage.values()) {
            if (!o.stages().contains(stage)) {
                done.put(stage, "not requested");
                continue;
            }
            // a partial run resumed with --retry-failed redoes its failed calls, and then the stages after them
            boolean retry = stage == Stage.ANALYSIS && retryFailed && run.status().callsStillFailed() > 0;
            if (skipCompleted && run.status().stage(stage).isCompleted() && !retry) {
                done.put(stage, "already completed");
                messages.info("· " + stage.key() + (stage == Stage.SAMPLING && parent != null
                        ? ": the " + run.status().stage(stage).count() + " calls of run " + parent + " reused, skipped"
                        : ": already completed, skipped"));
                continue;
            }
            if (cancelled.getAsBoolean()) {
                throw new VaaException(VaaException.INTERRUPTED, "Interrupted before " + stage.key() + ".");
            }
            messages.info("▶ " + stage.key());
            switch (stage) {
                case SAMPLING -> sample(run, o, parent);
                case ANALYSIS -> {
                    AnalyzeStage.Options p = o.promptOptions();
                    AnalyzeStage.Options given = new AnalyzeStage.Options(o.model(), p.promptName(), p.promptLabel(), p.promptVersion(),
                            p.promptSource(), o.workers(), null, p.retryFailed(), p.truncate(), p.maxCostUsd(), p.estimate(), p.batch());
                    AnalyzeStage analyze = new AnalyzeStage(env, workspace, messages, progress, cancelled, tracer);
                    if (p.estimate()) {
                        // the sample is drawn (the estimate is made from it) and kept for a later --resume; nothing else
                        messages.info(analyze.estimate(run, given).describe());
                        done.put(stage, "estimated");
                        return new Result(done, null, run.isSealed());
                    }
                    analysis = analyze.run(run, given);
                    if (analysis.stoppedAtCostLimit()) {
                        throw new VaaException(VaaException.INTERRUPTED, "Stopped at the cost limit (" + analysis.costLimit() + "); "
                                + analysis.notStarted() + " calls left. Continue with a higher limit: vaa run " + run.selector()
                                + " --resume --max-cost USD");
                    }
                    if (analysis.interrupted()) {
                        throw new VaaException(VaaException.INTERRUPTED, "Interrupted during analysis ("
                                + analysis.notStarted() + " calls left).");
                    }
                    if (analysis.gaveUp()) {
                        throw VaaException.failure("The first " + analysis.failed() + " calls all failed, so the other "
                                + analysis.notStarted() + " were not tried; the first failure: " + analysis.failures().get(0));
                    }
                    if (run.analysedCount() == 0) {
                        throw VaaException.failure("No call could be analysed (" + analysis.failed() + " failed); see analyses/*.error.json.");
                    }
                }
                case METRICS -> MetricsStage.run(run, o.by());
                case NL_EXTRACTION -> ExtractStage.run(run);
                case INSIGHTS -> new InsightsStage(env, workspace, messages, cancelled, tracer).run(run,
                        new InsightsStage.Options(o.insightsModel(), null, null, null, null,
                                o.promptOptions() == null ? null : o.promptOptions().promptSource(), null, o.workers()));
                case REPORT -> ReportStage.run(run, ReportStage.Format.ALL, LabelSources.of(workspace), messages);
            }
            done.put(stage, "completed");
        }
        // every stage completed seals the run by itself (see RunStatus), unless calls are left failed
        return new Result(done, analysis, run.isSealed());
    }

    /** A fork cut short while copying is finished from its parent, never redrawn (the source may have changed). */
    private void sample(Run run, Options o, String parent) {
        if (parent != null) {
            Run from = RunFork.parentOf(run).orElseThrow(() -> VaaException.usage("Run " + run.id() + " was started from run "
                    + parent + ", which no longer exists, so its sample cannot be copied again. Start a new run instead."));
            RunFork.fork(from, run);
            return;
        }
        new Sampler(new TranscriptReaders()).sample(run,
                new Sampler.Request(o.source(), o.n(), o.seed(), o.where(), java.util.Optional.empty()), workspace, messages);
    }

    /** On resume (and for a fork, from its parent) the original arguments stand unless given again. */
    static Options fromConfig(Options g, RunConfig config) {
        Map<String, Object> a = config.args() == null ? Map.of() : config.args();
        Map<String, Object> src = config.source() == null ? Map.of() : config.source();
        @SuppressWarnings("unchecked")
        List<String> where = a.get("where") instanceof List<?> l ? (List<String>) l : List.of();
        return new Options(
                g.n() != null ? g.n() : asInt(a.get("sample_size")),
                g.source() != null ? g.source() : src.get("transcripts_dir") != null ? Path.of((String) src.get("transcripts_dir"))
                        : a.get("source") != null ? Path.of((String) a.get("source")) : null,
                g.seed() != null ? g.seed() : a.get("seed") instanceof Number num ? num.longValue() : null,
                !g.where().isEmpty() ? g.where() : where.stream().map(Sampler.Where::parse).toList(),
                g.workers() != null ? g.workers() : asInt(a.get("workers")),
                g.model() != null ? g.model() : (String) a.get("analysis_model"),
                g.insightsModel() != null ? g.insightsModel() : (String) a.get("insights_model"),
                g.stages(), g.by() != null ? g.by() : (String) a.get("by"),
                g.promptOptions() == null ? null : AnalyzeStage.recordedPrompt(g.promptOptions(), config));
    }

    static final int DEFAULT_N = 50;
    static final Path DEFAULT_SOURCE = Path.of("customer_data");

    static Options withDefaults(Options o) {
        return new Options(o.n() == null ? DEFAULT_N : o.n(), o.source() == null ? DEFAULT_SOURCE : o.source(), o.seed(),
                o.where(), o.workers() == null ? 4 : o.workers(), o.model(), o.insightsModel(),
                o.stages() == null || o.stages().isEmpty() ? EnumSet.allOf(Stage.class) : o.stages(), o.by(), o.promptOptions());
    }

    /**
     * Arguments the run has not recorded yet; recorded ones are never replaced, on resume above all: what a run was
     * started with stays what config.json says, whatever a later command line leaves out or repeats.
     */
    private static void recordArgs(Run run, Options o) {
        Map<String, Object> args = args(o);
        run.updateConfig(c -> {
            Map<String, Object> missing = new LinkedHashMap<>(args);
            if (c.args() != null) {
                missing.keySet().removeAll(c.args().keySet());
            }
            return missing.isEmpty() ? c : c.withArgs(missing);
        });
    }

    private static Map<String, Object> args(Options o) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("sample_size", o.n());
        args.put("source", o.source().toString());
        args.put("workers", o.workers());
        args.put("analysis_model", o.model());
        args.put("insights_model", o.insightsModel());
        args.put("stages", o.stages().stream().map(Stage::key).toList());
        args.put("by", o.by());
        AnalyzeStage.Options p = o.promptOptions();
        if (p != null) {
            args.put("prompt", p.promptName());
            args.put("prompt_label", p.promptLabel());
            args.put("prompt_version", p.promptVersion());
            args.put("prompt_source", p.promptSource());
            if (p.truncate()) {
                args.put("truncate", true);
            }
            if (p.batched()) {
                args.put("batch", true);
            }
        }
        if (o.seed() != null) {
            args.put("seed", o.seed());
        }
        if (!o.where().isEmpty()) {
            args.put("where", o.where().stream().map(w -> w.key() + "=" + w.value()).toList());
        }
        return args;
    }

    private static Integer asInt(Object v) {
        return v instanceof Number n ? n.intValue() : null;
    }

    /** Parses {@code --stages}: stage or command names, comma-separated. */
    public static Set<Stage> parseStages(String list) {
        if (list == null || list.isBlank()) {
            return EnumSet.allOf(Stage.class);
        }
        Set<Stage> out = EnumSet.noneOf(Stage.class);
        for (String raw : list.split(",")) {
            String s = raw.strip().toLowerCase(java.util.Locale.ROOT);
            out.add(switch (s) {
                case "sample", "sampling" -> Stage.SAMPLING;
                case "analyze", "analyse", "analysis" -> Stage.ANALYSIS;
                case "metrics" -> Stage.METRICS;
                case "extract", "nl_extraction" -> Stage.NL_EXTRACTION;
                case "insights" -> Stage.INSIGHTS;
                case "report" -> Stage.REPORT;
                default -> throw VaaException.usage("Unknown stage '" + raw.strip()
                        + "' in --stages (use: sample, analyze, metrics, extract, insights, report)");
            });
        }
        return out;
    }
}
