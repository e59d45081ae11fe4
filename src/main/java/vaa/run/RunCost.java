package vaa.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaa.llm.Prices;

/**
 * What a run's model calls cost, stage by stage, as the stages recorded it ({@code cost_usd} in their status
 * detail, null when some call of the stage had no price). Only stages that made or replayed model calls appear.
 */
public record RunCost(Map<String, Double> byStage) {
    public RunCost {
        byStage = Collections.unmodifiableMap(new LinkedHashMap<>(byStage));
    }

    public static RunCost of(RunStatus status) {
        Map<String, Double> by = new LinkedHashMap<>();
        status.stages().forEach((name, st) -> {
            if (recorded(st)) {
                by.put(name, usd(st));
            }
        });
        return new RunCost(by);
    }

    /** Whether the stage recorded what its calls cost. */
    public static boolean recorded(StageStatus st) {
        Map<String, Object> d = st.detail();
        return d != null && (d.containsKey(StageStatus.COST_USD) || d.containsKey(StageStatus.UNPRICED_CALLS));
    }

    /** The stage's cost, null when unknown: a null is not always written out, so an unpriced call count alone also says so. */
    public static Double usd(StageStatus st) {
        Map<String, Object> d = st.detail();
        if (d == null || d.get(StageStatus.UNPRICED_CALLS) instanceof Number u && u.intValue() > 0) {
            return null;
        }
        return d.get(StageStatus.COST_USD) instanceof Number n ? n.doubleValue() : null;
    }

    public boolean isEmpty() {
        return byStage.isEmpty();
    }

    /** The sum, null (unknown) when any stage's cost is unknown or no stage recorded one. */
    public Double total() {
        if (byStage.isEmpty() || byStage.containsValue(null)) {
            return null;
        }
        return Prices.round(byStage.values().stream().mapToDouble(Double::doubleValue).sum());
    }

    /** "$0.0123 (analysis $0.01, insights $0.0023)", "unknown (analysis unknown)", or "unknown" when nothing was recorded. */
    public String describe() {
        String total = Prices.format(total());
        if (byStage.size() < 2 && !byStage.containsValue(null)) {
            return total;
        }
        List<String> parts = new ArrayList<>();
        byStage.forEach((stage, usd) -> parts.add(stage + " " + Prices.format(usd)));
        return total + " (" + String.join(", ", parts) + ")";
    }
}
