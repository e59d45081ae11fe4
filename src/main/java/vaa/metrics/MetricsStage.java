package vaa.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import vaa.run.Run;
import vaa.run.Stage;
import vaa.run.StageRunner;

/** Stage 3 with its bookkeeping: computes and writes reports/metrics.json. */
public final class MetricsStage {
    private MetricsStage() {}

    public static Map<String, Object> run(Run run, String by) {
        Map<String, Object>[] holder = new Map[1];
        StageRunner.run(run, Stage.METRICS, () -> {
            Map<String, Object> metrics = Metrics.compute(run, by);
            run.writeJson(run.reportsDir().resolve("metrics.json"), metrics);
            holder[0] = metrics;
            @SuppressWarnings("unchecked")
            Map<String, Object> calls = (Map<String, Object>) metrics.get("calls");
            Map<String, Object> detail = new LinkedHashMap<>(calls);
            if (by != null) {
                detail.put("by", by);
            }
            return new StageRunner.Done((Integer) calls.get("analyses"), detail);
        });
        return holder[0];
    }
}
