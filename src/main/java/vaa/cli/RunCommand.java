package vaa.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vaa.VaaException;
import vaa.pipeline.Pipeline;
import vaa.run.Run;
import vaa.run.RunLock;
import vaa.run.RunResolver;
import vaa.run.Stage;
import vaa.sample.Sampler;
import vaa.ui.ConsoleProgress;
import vaa.ui.Interrupts;
import vaa.ui.RunSummaryView;

/** {@code vaa run}: the whole pipeline in a new (or named) run, resumable. */
@Command(name = "run", description = "Run the pipeline: sample → analyze → metrics → extract → insights → report, in a new run (or the named one).")
final class RunCommand extends BaseCommand {
    @Option(names = "-n", paramLabel = "N", description = "How many calls to sample (default: 50).")
    Integer n;

    @Option(names = "--source", paramLabel = "DIR", description = "Transcript tree (default: customer_data).")
    Path source;

    @Option(names = "--seed", paramLabel = "S", description = "Sampling seed (default: generated and recorded).")
    Long seed;

    @Option(names = "--where", paramLabel = "KEY=VALUE", description = "Only calls whose metadata matches (repeatable).")
    List<String> where = new ArrayList<>();

    @Option(names = "--insights-model", paramLabel = "KEY", description = "Model for insights (default: the catalog's insights model).")
    String insightsModel;

    @Option(names = "--stages", paramLabel = "LIST", description = "Only these stages, comma-separated: sample,analyze,metrics,extract,insights,report.")
    String stages;

    @Option(names = "--by", paramLabel = "FIELD", description = "Metadata field to break metrics down by.")
    String by;

    @Option(names = "--resume", description = "Continue the named (or last) run: completed stages are skipped, analysis resumes per call.")
    boolean resume;

    @Option(names = "--from", paramLabel = "RUN", description = "Start a new run on RUN's sample (same calls, copied or hard-linked);"
            + " options not given are RUN's. Compares two models or prompts on the same calls. RUN may be sealed.")
    String from;

    @Mixin
    AnalysisOptions analysis;

    @Mixin
    RunOptions runOptions;

    @Override
    public Integer call() {
        Pipeline.Options options = new Pipeline.Options(n, source, seed, where.stream().map(Sampler.Where::parse).toList(),
                analysis.workers, analysis.model, insightsModel, Pipeline.parseStages(stages), by, analysis.toStageOptions(null));
        Run parent = from == null ? null : forkParent(options);
        if (parent == null && !resume && options.stages().contains(Stage.SAMPLING)) {
            Sampler.checkInput(n == null ? Pipeline.DEFAULT_N : n, source == null ? Pipeline.DEFAULT_SOURCE : source, context().workspace());
        }
        Run run = context().resolver(style(), messages(false))
                .resolve(runOptions.selection(), resume ? RunResolver.Mode.EXISTING : RunResolver.Mode.NEW_BY_DEFAULT).run();
        Pipeline.Result result;
        try (RunLock lock = run.lock()) {
            try (Interrupts interrupts = Interrupts.install(() -> err().println("\nStopping after the calls in flight (Ctrl+C again to quit now)..."));
                 ConsoleProgress progress = progress()) {
                Pipeline pipeline = new Pipeline(context().env(), context().workspace(), messages(false), progress, interrupts::requested);
                result = parent != null ? pipeline.fork(parent, run, options) : pipeline.run(run, options, resume);
            } catch (VaaException e) {
                Stage stopped = firstUnfinished(run);
                throw new VaaException(e.exitCode(), (stopped == null ? "Stopped" : "Stage " + stopped.key() + " stopped")
                        + "; resume with: vaa run --run-id " + run.id() + " --resume\n" + e.getMessage(), e);
            }
        }
        new RunSummaryView(out(), style(), context().runStore()).print(run, result);
        return 0;
    }

    /** --from makes a new run: checked before one is created, so a mistake leaves no empty run behind. */
    private Run forkParent(Pipeline.Options options) {
        if (resume || runOptions.selection().runDir() != null || runOptions.selection().legacy()) {
            throw VaaException.usage("--from starts a new run; it cannot be combined with --resume, --run-dir or --legacy.");
        }
        String id = runOptions.selection().runId();
        if (id != null && context().runStore().find(id).isPresent()) {
            throw VaaException.usage("Run " + id + " exists already; --from starts a new run, so choose another --run-id.");
        }
        Run parent = context().runStore().named(from);
        Pipeline.requireForkable(parent, options);
        return parent;
    }

    private static Stage firstUnfinished(Run run) {
        for (Stage s : Stage.values()) {
            if (!run.status().stage(s).isCompleted()) {
                return s;
            }
        }
        return null;
    }
}
