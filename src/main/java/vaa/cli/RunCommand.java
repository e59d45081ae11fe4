package vaa.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vaa.io.MessageSink;
import vaa.llm.Tracer;
import vaa.pipeline.Pipeline;
import vaa.pipeline.RunService;
import vaa.sample.Sampler;
import vaa.ui.ConsoleProgress;
import vaa.ui.Interrupts;
import vaa.ui.RunSummaryView;

/** {@code vaa run}: the whole pipeline in a new (or named) run, resumable. */
@Command(name = "run", description = "Run the pipeline: sample → analyze → metrics → extract → insights → report, in a new run (or the named one).")
final class RunCommand extends BaseCommand {
    @Option(names = "-n", paramLabel = "N", description = "How many calls to sample (default: 50).")
    Integer n;

    @Option(names = "--source", paramLabel = "DIR|FILE", description = "Transcript tree or one transcript (default: customer_data, else vaa's demo data).")
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

    @Mixin
    TraceOptions trace;

    @Override
    public Integer call() {
        Pipeline.Options options = new Pipeline.Options(n, source, seed, where.stream().map(Sampler.Where::parse).toList(),
                analysis.workers, analysis.model, insightsModel, Pipeline.parseStages(stages), by, analysis.toStageOptions(null));
        MessageSink messages = messages(false);
        Tracer tracer = trace.open(context(), messages);   // a bad tracing switch is refused before a run is made
        RunService service = new RunService(context().env(), context().workspace(), context().home(), context().runStore(),
                () -> context().resolver(style(), messages), messages);
        RunService.Prepared prepared = service.prepare(new RunService.Request(options, runOptions.selection(), resume, from));
        Pipeline.Result result;
        try (Interrupts interrupts = Interrupts.forRun(err(), "calls", prepared.run(), "vaa run " + prepared.run().selector() + " --resume");
             ConsoleProgress progress = progress()) {
            result = service.execute(prepared, progress, interrupts::requested, tracer);
        }
        new RunSummaryView(out(), style(), context().runStore()).print(prepared.run(), result);
        return 0;
    }
}
