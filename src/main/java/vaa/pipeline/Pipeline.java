package vaa.pipeline;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import vaa.VaaException;
import vaa.io.Env;
import vaa.io.MessageSink;
import vaa.io.ProgressSink;
import vaa.run.Run;
import vaa.run.RunConfig;
import vaa.run.Stage;
import vaa.transcript.TranscriptReaders;

/**
 * {@code vaa run}: sample → analyze → metrics → extract → insights → report in one run, each
 * stage's status kept as it goes. With resume, completed stages are skipped and analysis picks up
 * per call; the original arguments come from config.json unless overridden. A run whose every
 * stage completed is sealed.
 */
public final class Pipeline {
    /** Everything the pipeline was asked; null fields mean "not given" (resume fills them from config.json). */
    public record Options(Integer n, Path source, Long seed, List<Sampler.Where> where, Integer workers, String model,
                          String insightsModel, Set<Stage> stages, String by, AnalyzeStage.Options promptOptions) {}

    /** How the pipeline ended: the stages it ran or skipped, and the last analysis result. */
    public record Result(Map<Stage, String> stages, Analyzer.Result analysis, boolean sealed) {}

    private final Env env;
    private final Path workspace;
    private final MessageSink messages;
    private final ProgressSink progress;
    private final BooleanSupplier cancelled;

    public Pipeline(Env env, Path workspace, MessageSink messages, ProgressSink progress, BooleanSupplier cancelled) {
        this.env = env;
        this.workspace = workspace;
        this.messages = messages;
        this.progress = progress;
        this.cancelled = cancelled;
    }

    public Result run(Run run, Options given, boolean resume) {
        Options o = resume ? fromConfig(given, run.config()) : given;
        o = withDefaults(o);
        recordArgs(run, o);
        Map<Stage, String> done = new LinkedHashMap<>();
        Analyzer.Result analysis = null;
        for (Stage stage : Stage.values()) {
            if (!o.stages().contains(stage)) {
                done.put(stage, "not requested");
                continue;
            }
            if (resume && run.status().stage(stage).isCompleted()) {
                done.put(stage, "already completed");
                messages.info("· " + stage.key() + ": already completed, skipped");
                continue;
            }
            if (cancelled.getAsBoolean()) {
                throw new VaaException(VaaException.INTERRUPTED, "Interrupted before " + stage.key() + ".");
            }
            messages.info("▶ " + stage.key());
            switch (stage) {
                case SAMPLING -> new Sampler(new TranscriptReaders()).sample(run,
                        new Sampler.Request(o.source(), o.n(), o.seed(), o.where(), java.util.Optional.empty()), workspace, messages);
                case ANALYSIS -> {
                    AnalyzeStage.Options p = o.promptOptions();
                    analysis = new AnalyzeStage(env, workspace, messages, progress, cancelled).run(run,
                            new AnalyzeStage.Options(o.model(), p.promptName(), p.promptLabel(), p.promptVersion(), p.promptSource(),
                                    o.workers(), null, p.retryFailed()));
                    if (analysis.interrupted()) {
                        throw new VaaException(VaaException.INTERRUPTED, "Interrupted during analysis ("
                                + analysis.notStarted() + " calls left).");
                    }
                    if (run.analysedCount() == 0) {
                        throw VaaException.failure("No call could be analysed (" + analysis.failed() + " failed); see analyses/*.error.json.");
                    }
                }
                case METRICS -> MetricsStage.run(run, o.by());
                case NL_EXTRACTION -> ExtractStage.run(run);
                case INSIGHTS -> new InsightsStage(env, workspace, messages, cancelled).run(run,
                        new InsightsStage.Options(o.insightsModel(), null, null, null, null, null, null, o.workers()));
                case REPORT -> ReportStage.run(run, ReportStage.Format.ALL, messages);
            }
            done.put(stage, "completed");
        }
        boolean all = true;
        for (Stage s : Stage.values()) {
            all &= run.status().stage(s).isCompleted();
        }
        if (all) {
            run.seal();
        }
        return new Result(done, analysis, all);
    }

    /** On resume the original arguments stand unless given again. */
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
                g.stages(), g.by() != null ? g.by() : (String) a.get("by"), g.promptOptions());
    }

    static Options withDefaults(Options o) {
        return new Options(o.n() == null ? 50 : o.n(), o.source() == null ? Path.of("customer_data") : o.source(), o.seed(),
                o.where(), o.workers() == null ? 4 : o.workers(), o.model(), o.insightsModel(),
                o.stages() == null || o.stages().isEmpty() ? EnumSet.allOf(Stage.class) : o.stages(), o.by(), o.promptOptions());
    }

    private static void recordArgs(Run run, Options o) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("sample_size", o.n());
        args.put("source", o.source().toString());
        args.put("workers", o.workers());
        args.put("analysis_model", o.model());
        args.put("insights_model", o.insightsModel());
        args.put("stages", o.stages().stream().map(Stage::key).toList());
        args.put("by", o.by());
        run.updateConfig(c -> c.withArgs(args));
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
