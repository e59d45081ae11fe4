package vaa.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vaa.io.Json;
import vaa.metrics.MetricsStage;
import vaa.run.Run;
import vaa.run.RunLock;
import vaa.ui.Style;

/** {@code vaa metrics}: stage 3, the run's figures into reports/metrics.json. */
@Command(name = "metrics", description = "Compute outcome, friction and latency figures over a run's analyses (stage 3).")
final class MetricsCommand extends BaseCommand {
    @Mixin
    RunOptions runOptions;

    @Option(names = "--by", paramLabel = "FIELD", description = "Also break the figures down by this metadata field (e.g. agent_name, task_type).")
    String by;

    @Option(names = "--json", description = "Print metrics.json to stdout.")
    boolean json;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() {
        Optional<Run> target = runToCompute(runOptions, json, by == null, r -> r.reportsDir().resolve("metrics.json"));
        if (target.isEmpty()) {
            return 0;
        }
        Run run = target.get();
        Map<String, Object> m;
        try (RunLock lock = run.lock()) {
            m = MetricsStage.run(run, by);
        }
        if (json) {
            out().print(Json.pretty(m));
            return 0;
        }
        Style s = style();
        Map<String, Object> calls = (Map<String, Object>) m.get("calls");
        out().println(s.bold("Metrics for run " + run.id()) + ": " + calls.get("analyses") + " analyses ("
                + calls.get("with_judgement") + " with judgement, " + calls.get("structural_only") + " structural only, "
                + calls.get("failed") + " failed)");
        for (Map<String, Object> o : (List<Map<String, Object>>) ((Map<String, Object>) m.get("outcomes")).get("distribution")) {
            if (((Number) o.get("count")).intValue() > 0) {
                out().printf("  %-20s %5s  %s%n", o.get("outcome"), o.get("count"), pct(o));
            }
        }
        out().println("  task completed       " + pct((Map<String, Object>) m.get("task_completion")));
        Map<String, Object> lat = (Map<String, Object>) ((Map<String, Object>) m.get("structural")).get("agent_response_latency_s");
        out().println("  agent response latency: " + (lat.get("p50") == null ? "n/a (no transcript has timestamps)"
                : "p50 " + lat.get("p50") + " s, p95 " + lat.get("p95") + " s (n=" + lat.get("n") + ")"));
        out().println("Written: " + context().runStore().displayPath(run.reportsDir().resolve("metrics.json")));
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static String pct(Map<String, Object> rate) {
        if (rate.get("share") == null) {
            return "n/a (no judgements)";
        }
        List<Number> ci = (List<Number>) rate.get("ci95");
        return String.format("%.1f%% [%.1f–%.1f] of %s", 100 * ((Number) rate.get("share")).doubleValue(),
                100 * ci.get(0).doubleValue(), 100 * ci.get(1).doubleValue(), rate.get("n"));
    }
}
