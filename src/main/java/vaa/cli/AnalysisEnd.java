package vaa.cli;

import java.io.PrintWriter;
import vaa.VaaException;
import vaa.analysis.Analyzer;
import vaa.llm.Prices;
import vaa.run.Run;
import vaa.run.RunCost;
import vaa.run.Stage;
import vaa.run.StageStatus;
import vaa.ui.Style;

/** How {@code vaa analyze} ends: the counts and tokens, the failures, and the exit a stopped batch takes. */
final class AnalysisEnd {
    private AnalysisEnd() {}

    /** Prints the outcome; throws what stopped the batch (give-up 1, cost limit or Ctrl+C 130, nothing analysed 1). */
    static void print(Analyzer.Result r, Run run, Style s, PrintWriter out, PrintWriter err) {
        out.println(s.bold("Analysis of run " + run.id()) + ": " + s.green(r.analysed() + " analysed") + ", "
                + (r.failed() > 0 ? s.red(r.failed() + " failed") : "0 failed") + ", " + r.alreadyDone() + " already done"
                + (r.structuralOnly() > 0 ? ", " + r.structuralOnly() + " structural only" : "")
                + String.format(" in %.1fs", r.wallMs() / 1000.0));
        if (r.usage().total() > 0) {
            out.println("Tokens: " + r.usage().prompt() + " prompt (" + r.usage().cached() + " cached) + " + r.usage().completion()
                    + " completion");
        }
        StageStatus analysis = run.status().stage(Stage.ANALYSIS);
        if (RunCost.recorded(analysis)) {
            out.println("Cost of the run's analysis so far: " + Prices.format(RunCost.usd(analysis)));
        }
        r.failures().stream().limit(5).forEach(f -> err.println(s.yellow("  failed: ") + f));
        if (r.failed() > 0) {
            err.println("Details and raw model output are in analyses/<call>.error.json; retry with: vaa analyze --retry-failed " + run.selector());
        }
        if (r.gaveUp()) {
            throw VaaException.failure("Stopped: the first " + r.failed() + " calls all failed, so the other " + r.notStarted()
                    + " were not tried; once fixed: vaa analyze --retry-failed " + run.selector() + "\n" + r.failures().get(0));
        }
        if (r.stoppedAtCostLimit()) {
            throw new VaaException(VaaException.INTERRUPTED, "Stopped at the cost limit (" + r.costLimit() + "); " + r.notStarted()
                    + " calls left. Continue with a higher limit: vaa analyze " + run.selector() + " --max-cost USD");
        }
        if (r.interrupted()) {
            throw new VaaException(VaaException.INTERRUPTED, "Interrupted: " + r.notStarted()
                    + " calls left. Resume with: vaa analyze " + run.selector());
        }
        if (StageStatus.FAILED.equals(run.status().stage(Stage.ANALYSIS).status())) {
            throw VaaException.failure("No call could be analysed (" + r.failed() + " failed); see analyses/<call>.error.json,"
                    + " then: vaa analyze --retry-failed " + run.selector());
        }
    }
}
