package vaa.ui;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import vaa.metrics.Headline;
import vaa.pipeline.Pipeline;
import vaa.run.Run;
import vaa.run.RunCost;
import vaa.run.RunStatus;
import vaa.run.RunStore;
import vaa.run.StageStatus;

/** The lines {@code vaa run} ends with: what was done, the headline rates, where the report is. */
public final class RunSummaryView {
    private final PrintWriter out;
    private final Style s;
    private final RunStore store;

    public RunSummaryView(PrintWriter out, Style style, RunStore store) {
        this.out = out;
        this.s = style;
        this.store = store;
    }

    public void print(Run run, Pipeline.Result result) {
        out.println();
        RunStatus status = run.status();
        boolean partial = StageStatus.PARTIAL.equals(status.overallStatus());
        out.println(s.bold("Run " + run.id() + " ") + (result.sealed() ? s.green("completed and sealed")
                : partial ? s.yellow("partial") + ": every stage ran, " + status.callsStillFailed() + " call"
                        + (status.callsStillFailed() == 1 ? "" : "s") + " failed analysis"
                : s.yellow("stages done: ") + result.stages().entrySet().stream().filter(e -> e.getValue().equals("completed"))
                        .map(e -> e.getKey().key()).toList()));
        out.println("  " + run.sampledCount() + " sampled" + (run.config().parentRun() == null ? "" : " (the sample of run "
                + run.config().parentRun() + ")") + ", " + run.analysedCount() + " analysed");
        RunCost cost = RunCost.of(status);
        if (!cost.isEmpty()) {
            out.println("  cost: " + cost.describe());
        }
        Headline.of(run).ifPresent(h -> {
            if (h.judged() > 0) {
                out.println("  resolved " + rate(h.resolved()) + ", task completed " + rate(h.taskCompleted())
                        + ", escalation requested " + rate(h.escalation()) + "  (of " + h.judged() + " judged calls)");
            } else {
                out.println("  judgement skipped (no model): structural figures only");
            }
            if (h.failed() > 0) {
                out.println(s.yellow("  " + h.failed() + " calls failed analysis") + " (see analyses/*.error.json)");
            }
            if (h.latencyP50() != null) {
                out.printf("  agent response latency: p50 %.2f s, p95 %.2f s%n", h.latencyP50(), h.latencyP95());
            }
        });
        if (partial) {
            out.println("  retry the failed calls: vaa run " + run.selector() + " --resume --retry-failed"
                    + "  (metrics, notes, insights and the report are then made again)");
            out.println("  or keep the run as it is: vaa runs seal " + (run.selector().startsWith("--run-id ") ? run.id()
                    : run.selector().substring(run.selector().indexOf(' ') + 1)));
        }
        Path html = run.reportsDir().resolve("report.html");
        if (Files.exists(html)) {
            String shown = store.displayPath(html);
            out.println("  report: " + shown);
            out.println(s.dim("  open it: " + (System.getProperty("os.name").startsWith("Mac") ? "open " : "xdg-open ") + shown));
        }
    }

    private static String rate(Headline.Rate r) {
        return r.share() == null ? "n/a" : String.format("%.0f%% [%.0f–%.0f]", 100 * r.share(), 100 * r.low(), 100 * r.high());
    }
}
