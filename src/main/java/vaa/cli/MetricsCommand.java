package vaa.cli;

import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vaa.io.Json;
import vaa.metrics.Metrics;
import vaa.metrics.MetricsStage;
import vaa.run.Run;
import vaa.run.RunLock;
import vaa.ui.MetricsView;

/** {@code vaa metrics}: stage 3, the run's figures into reports/metrics.json. */
@Command(name = "metrics", description = "Compute outcome, friction and latency figures over a run's analyses (stage 3).")
final class MetricsCommand extends BaseCommand {
    @Mixin
    RunOptions runOptions;

    @Option(names = "--by", paramLabel = "FIELD", description = "Also break the figures down by this metadata field (e.g. agent_name, task_type); on a sealed run the breakdown is printed, not saved.")
    String by;

    @Option(names = "--json", description = "Print metrics.json to stdout.")
    boolean json;

    @Override
    public Integer call() {
        Optional<Run> target = runToCompute(runOptions, json, by == null, r -> r.reportsDir().resolve("metrics.json"));
        if (target.isEmpty()) {
            return 0;
        }
        Run run = target.get();
        // a finished run's figures are never rewritten, but a breakdown by another field is only read from its analyses
        boolean readOnly = by != null && run.isSealed();
        Map<String, Object> m;
        if (readOnly) {
            m = Metrics.compute(run, by);
        } else {
            try (RunLock lock = run.lock()) {
                m = MetricsStage.run(run, by);
            }
        }
        if (json) {
            out().print(Json.pretty(m));
            out().flush();
            return 0;
        }
        MetricsView.print(out(), style(), run.id(), m);
        out().println(readOnly ? style().dim("Run " + run.id() + " is sealed: this breakdown was computed from its analyses and not saved.")
                : "Written: " + context().runStore().displayPath(run.reportsDir().resolve("metrics.json")));
        return 0;
    }
}
