package vaa.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vaa.VaaException;
import vaa.analysis.AnalyzeStage;
import vaa.analysis.Analyzer;
import vaa.llm.LlmException;
import vaa.run.Run;
import vaa.run.RunLock;
import vaa.run.RunResolver;
import vaa.ui.ConsoleProgress;
import vaa.ui.Interrupts;

/** {@code vaa analyze}: stage 2, one analysis per sampled call; resumes by default. */
@Command(name = "analyze", description = "Analyse each sampled call: structural metrics always, a model's judgement when configured (stage 2).")
final class AnalyzeCommand extends BaseCommand {
    @Mixin
    RunOptions runOptions;

    @Mixin
    AnalysisOptions analysis;

    @Mixin
    TraceOptions trace;

    @Option(names = "--limit", paramLabel = "K", description = "Analyse at most K more calls.")
    Integer limit;

    @Override
    public Integer call() {
        AnalyzeStage.Options options = analysis.toStageOptions(limit);
        AnalyzeStage.checkModel(context().workspace(), context().env(), options);
        Run run = context().resolver(style(), messages(false)).resolve(runOptions.selection(), RunResolver.Mode.EXISTING).run();
        if (options.estimate()) {
            out().println(new AnalyzeStage(context().env(), context().workspace(), messages(false), null, () -> false,
                    vaa.llm.Tracer.OFF).estimate(run, options).describe());
            return 0;
        }
        Analyzer.Result r;
        try (RunLock lock = run.lock();
             Interrupts interrupts = Interrupts.forRun(err(), "calls", run, "vaa analyze " + run.selector());
             ConsoleProgress progress = progress()) {
            r = new AnalyzeStage(context().env(), context().workspace(), messages(false), progress, interrupts::requested,
                    trace.open(context(), messages(false))).run(run, options);
        } catch (LlmException e) {
            // a rejected key or an unknown model: what to fix goes last, where the eye lands
            throw e.affectsEveryCall() ? new VaaException(e.exitCode(), "Analysis stopped; once this is fixed, continue with: vaa analyze --run-id "
                    + run.id() + "\n" + e.getMessage(), e) : e;
        }
        AnalysisEnd.print(r, run, style(), out(), err());
        out().println(style().dim("Next: vaa metrics " + run.selector()));
        return 0;
    }
}
