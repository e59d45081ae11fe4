package vaa.ui;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code vaa metrics} as text: the headline figures, then one line per value of the {@code --by} field when asked. */
public final class MetricsView {
    private MetricsView() {}

    @SuppressWarnings("unchecked")
    public static void print(PrintWriter out, Style s, String runId, Map<String, Object> m) {
        Map<String, Object> calls = (Map<String, Object>) m.get("calls");
        out.println(s.bold("Metrics for run " + runId) + ": " + calls.get("analyses") + " analyses ("
                + calls.get("with_judgement") + " with judgement, " + calls.get("structural_only") + " structural only, "
                + calls.get("failed") + " failed)");
        for (Map<String, Object> o : (List<Map<String, Object>>) ((Map<String, Object>) m.get("outcomes")).get("distribution")) {
            if (((Number) o.get("count")).intValue() > 0) {
                out.printf("  %-20s %5s  %s%n", o.get("outcome"), o.get("count"), pct((Map<String, Object>) o));
            }
        }
        out.println("  task completed       " + pct((Map<String, Object>) m.get("task_completion")));
        Map<String, Object> lat = (Map<String, Object>) ((Map<String, Object>) m.get("structural")).get("agent_response_latency_s");
        out.println("  agent response latency: " + (lat.get("p50") == null ? "n/a (no transcript has timestamps)"
                : String.format(Locale.ROOT, "p50 %.2f s, p95 %.2f s (n=%s)", ((Number) lat.get("p50")).doubleValue(),
                        ((Number) lat.get("p95")).doubleValue(), lat.get("n"))));
        Map<String, Object> breakdown = (Map<String, Object>) m.get("breakdown");
        if (breakdown != null) {
            breakdown(out, s, (String) breakdown.get("field"), (Map<String, Map<String, Object>>) breakdown.get("groups"));
        }
    }

    @SuppressWarnings("unchecked")
    private static void breakdown(PrintWriter out, Style s, String field, Map<String, Map<String, Object>> groups) {
        int width = Math.max(field.length(), groups.keySet().stream().mapToInt(String::length).max().orElse(0));
        out.println();
        out.println(s.bold(String.format(Locale.ROOT, "  %-" + width + "s  %8s  %8s  %-22s  %-22s  %s", field, "analyses", "judged",
                "resolved", "task completed", "escalation requested")));
        groups.forEach((value, g) -> {
            Map<String, Object> resolved = ((List<Map<String, Object>>) ((Map<String, Object>) g.get("outcomes")).get("distribution")).stream()
                    .filter(o -> "resolved".equals(o.get("outcome"))).findFirst().orElse(Map.of());
            out.printf(Locale.ROOT, "  %-" + width + "s  %8s  %8s  %-22s  %-22s  %s%n", value, g.get("analyses"), g.get("with_judgement"),
                    share(resolved), share((Map<String, Object>) g.get("task_completion")),
                    share((Map<String, Object>) g.get("escalation_requested")));
        });
    }

    @SuppressWarnings("unchecked")
    private static String pct(Map<String, Object> rate) {
        if (rate.get("share") == null) {
            return "n/a (no judgements)";
        }
        List<Number> ci = (List<Number>) rate.get("ci95");
        return String.format(Locale.ROOT, "%.1f%% [%.1f–%.1f] of %s", 100 * ((Number) rate.get("share")).doubleValue(),
                100 * ci.get(0).doubleValue(), 100 * ci.get(1).doubleValue(), rate.get("n"));
    }

    /** A group's rate, short: "57% [42–71]", or "n/a" without judgements. */
    @SuppressWarnings("unchecked")
    private static String share(Map<String, Object> rate) {
        if (rate == null || rate.get("share") == null) {
            return "n/a";
        }
        List<Number> ci = (List<Number>) rate.get("ci95");
        return String.format(Locale.ROOT, "%.0f%% [%.0f–%.0f]", 100 * ((Number) rate.get("share")).doubleValue(),
                100 * ci.get(0).doubleValue(), 100 * ci.get(1).doubleValue());
    }
}
