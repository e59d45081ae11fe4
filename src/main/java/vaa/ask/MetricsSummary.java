package vaa.ask;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vaa.io.Json;
import vaa.metrics.Metrics;
import vaa.run.Run;

/**
 * The run's figures as a few lines of text for the prompt: how many calls, outcomes, completion,
 * escalation, sentiment, friction and agent-error categories, structural distributions, and the
 * breakdown if there is one. Counting questions are answered from these, never from the handful of
 * retrieved calls. Example call ids are left out: the model may only cite calls it was shown.
 *
 * <p>reports/metrics.json is used when it covers the analyses there are now; otherwise the figures
 * are computed afresh in memory (the run's files are not touched) and {@code source} says so.
 */
public record MetricsSummary(String text, String source) {
    static final String FILE = "reports/metrics.json";
    private static final int MAX_GROUPS = 20;
    private static final int MAX_CATEGORIES = 12;

    static MetricsSummary of(Run run, int analysisFiles) {
        Path file = run.reportsDir().resolve("metrics.json");
        if (Files.isRegularFile(file)) {
            try {
                JsonNode m = Json.MAPPER.readTree(file.toFile());
                JsonNode calls = m.path("calls");
                int covered = calls.path("analyses").asInt(-1) + calls.path("unreadable_analyses").asInt(0);
                if (covered == analysisFiles) {
                    return new MetricsSummary(render(m), FILE);
                }
                return computed(run, FILE + " covers " + covered + " analyses, the run has " + analysisFiles + " now");
            } catch (IOException e) {
                return computed(run, FILE + " is unreadable (" + e.getMessage() + ")");
            }
        }
        return computed(run, "the run has no " + FILE);
    }

    private static MetricsSummary computed(Run run, String why) {
        Map<String, Object> m = Metrics.compute(run, null);
        return new MetricsSummary(render(Json.MAPPER.valueToTree(m)), "computed now (" + why + ")");
    }

    static String render(JsonNode m) {
        List<String> out = new ArrayList<>();
        JsonNode c = m.path("calls");
        out.add("Calls: " + c.path("sampled").asInt() + " sampled, " + c.path("analyses").asInt() + " analysed ("
                + c.path("with_judgement").asInt() + " with a model judgement, " + c.path("structural_only").asInt()
                + " structural only), " + c.path("failed").asInt() + " failed analyses.");
        JsonNode outcomes = m.path("outcomes");
        if (outcomes.path("n").asInt() > 0) {
            List<String> parts = new ArrayList<>();
            for (JsonNode o : outcomes.path("distribution")) {
                parts.add(words(o.path("outcome").asText()) + " " + o.path("count").asInt() + " (" + pct(o.path("share")) + ")");
            }
            out.add("Outcomes of the " + outcomes.path("n").asInt() + " judged calls: " + String.join(", ", parts) + ".");
        }
        rate(out, "Task completed", m.path("task_completion"));
        rate(out, "Escalation requested", m.path("escalation_requested"));
        JsonNode sentiment = m.path("sentiment");
        if (sentiment.path("n").asInt() > 0) {
            out.add("Sentiment at the start: " + counts(sentiment.path("start")) + "; at the end: " + counts(sentiment.path("end")) + ".");
        }
        categories(out, "friction", m.path("friction"));
        categories(out, "agent errors", m.path("agent_errors"));
        Iterator<Map.Entry<String, JsonNode>> fields = m.path("structural").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode d = f.getValue();
            if (d.path("n").asInt() > 0) {
                out.add(label(f.getKey()) + " (n=" + d.path("n").asInt() + "): p50 " + num(d.path("p50")) + ", p90 " + num(d.path("p90"))
                        + ", p95 " + num(d.path("p95")) + ", mean " + num(d.path("mean")) + ", max " + num(d.path("max")) + ".");
            }
        }
        breakdown(out, m.path("breakdown"));
        return String.join("\n", out);
    }

    private static void rate(List<String> out, String label, JsonNode r) {
        if (r.path("n").asInt() > 0) {
            out.add(label + ": " + r.path("count").asInt() + " of " + r.path("n").asInt() + " judged calls (" + pct(r.path("share")) + ").");
        }
    }

    private static void categories(List<String> out, String label, JsonNode section) {
        JsonNode any = section.path("calls_with_any");
        if (any.path("n").asInt() == 0) {
            return;
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode cat : section.path("categories")) {
            if (parts.size() < MAX_CATEGORIES) {
                parts.add(words(cat.path("category").asText()) + " " + cat.path("calls").asInt());
            }
        }
        out.add("Calls with " + label + ": " + any.path("count").asInt() + " of " + any.path("n").asInt() + " (" + pct(any.path("share")) + ")"
                + (parts.isEmpty() ? "." : "; calls per category: " + String.join(", ", parts) + "."));
    }

    private static void breakdown(List<String> out, JsonNode b) {
        if (!b.path("groups").isObject()) {
            return;
        }
        out.add("Breakdown by " + b.path("field").asText() + ":");
        Iterator<Map.Entry<String, JsonNode>> groups = b.path("groups").fields();
        int n = 0;
        while (groups.hasNext() && n++ < MAX_GROUPS) {
            Map.Entry<String, JsonNode> g = groups.next();
            JsonNode v = g.getValue();
            List<String> parts = new ArrayList<>();
            for (JsonNode o : v.path("outcomes").path("distribution")) {
                if (o.path("count").asInt() > 0) {
                    parts.add(words(o.path("outcome").asText()) + " " + o.path("count").asInt());
                }
            }
            out.add("- " + g.getKey() + ": " + v.path("analyses").asInt() + " analysed, " + v.path("with_judgement").asInt() + " judged"
                    + (parts.isEmpty() ? "" : "; " + String.join(", ", parts))
                    + "; task completed " + v.path("task_completion").path("count").asInt() + " of " + v.path("task_completion").path("n").asInt()
                    + "; escalation requested " + v.path("escalation_requested").path("count").asInt() + ".");
        }
    }

    private static String counts(JsonNode obj) {
        List<String> parts = new ArrayList<>();
        obj.fields().forEachRemaining(e -> parts.add(e.getKey() + " " + e.getValue().asInt()));
        return String.join(", ", parts);
    }

    private static String pct(JsonNode share) {
        return share.isNumber() ? String.format(Locale.ROOT, "%.1f%%", 100 * share.asDouble()) : "n/a";
    }

    /** Four significant digits: enough for a percentile, short enough for a prompt. */
    private static String num(JsonNode v) {
        if (!v.isNumber()) {
            return "n/a";
        }
        return new BigDecimal(v.asDouble()).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String words(String key) {
        return key.replace('_', ' ');
    }

    /** "agent_response_latency_s" → "Agent response latency (s)". */
    private static String label(String key) {
        String s = key.endsWith("_s") ? words(key.substring(0, key.length() - 2)) + " (s)" : words(key);
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
