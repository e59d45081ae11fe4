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
import vaa.run.Stage;
import vaa.run.StageStatus;
import vaa.ui.ConsoleProgress;
import vaa.ui.Interrupts;
import vaa.ui.Style;

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
        Run run = context().resolver(style(), messages(false)).resolve(runOptions.selection(), RunResolver.Mode.EXISTING).run();
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
        Style s = style();
        out().println(s.bold("Analysis of run " + run.id()) + ": " + s.green(r.analysed() + " analysed") + ", "
                + (r.failed() > 0 ? s.red(r.failed() + " failed") : "0 failed") + ", " + r.alreadyDone() + " already done"
                + (r.structuralOnly() > 0 ? ", " + r.structuralOnly() + " structural only" : "")
                + String.format(" in %.1fs", r.wallMs() / 1000.0));
        if (r.usage().total() > 0) {
            out().println("Tokens: " + r.usage().prompt() + " prompt + " + r.usage().completion() + " completion");
        }
        r.failures().stream().limit(5).forEach(f -> err().println(s.yellow("  failed: ") + f));
        if (r.failed() > 0) {
            err().println("Details and raw model output are in analyses/<call>.error.json; retry with: vaa analyze --retry-failed " + run.selector());
        }
        if (r.gaveUp()) {
            throw VaaException.failure("Stopped: the first " + r.failed() + " calls all failed, so the other " + r.notStarted()
                    + " were not tried; once fixed: vaa analyze --retry-failed " + run.selector() + "\n" + r.failures().get(0));
        }
        if (r.interrupted()) {
            throw new VaaException(VaaException.INTERRUPTED, "Interrupted: " + r.notStarted()
                    + " calls left. Resume with: vaa analyze " + run.selector());
        }
        if (StageStatus.FAILED.equals(run.status().stage(Stage.ANALYSIS).status())) {
            throw VaaException.failure("No call could be analysed (" + r.failed() + " failed); see analyses/<call>.error.json,"
                    + " then: vaa analyze --retry-failed " + run.selector());
        }
        out().println(s.dim("Next: vaa metrics " + run.selector()));
        return 0;
    }
}
