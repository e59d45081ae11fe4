package vaa.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads reports/insights.json for the report, tolerating missing or differently shaped parts: a
 * theme without a title or a recommendation given as an object still shows what there is.
 */
final class ReportInsights {
    /** How many supporting call ids a theme lists before "and N more". */
    static final int MAX_IDS = 8;

    /** One theme as the report shows it; lists are never null. */
    record Theme(String title, String explanation, Integer callCount, List<String> supportingCallIds,
                 List<String> recommendations) {}

    private ReportInsights() {}

    static List<Theme> themes(JsonNode insights) {
        List<Theme> out = new ArrayList<>();
        for (JsonNode t : insights.path("themes")) {
            if (!t.isObject()) {
                continue;
            }
            List<String> ids = new ArrayList<>();
            t.path("supporting_call_ids").forEach(x -> ids.add(x.asText()));
            List<String> recs = new ArrayList<>();
            t.path("recommendations").forEach(r -> {
                String s = r.isValueNode() ? r.asText() : firstText(r, "text", "recommendation", "title", "action");
                if (s != null && !s.isBlank()) {
                    recs.add(s);
                }
            });
            String title = text(t.path("title"));
            out.add(new Theme(title == null ? "(untitled theme)" : title, text(t.path("explanation")),
                    t.path("call_count").isNumber() ? t.path("call_count").asInt() : null, List.copyOf(ids), List.copyOf(recs)));
        }
        return out;
    }

    /** One sentence on how the insights were made, so a reader knows what kind of claim they are. */
    static String provenance(JsonNode insights) {
        String by = text(insights.path("generated_by"));
        String model = describe(insights.path("model"), true);
        String prompt = describe(insights.path("prompt"), false);
        String at = text(insights.path("generated_at"));
        boolean computed = by != null && !by.equalsIgnoreCase("model");
        StringBuilder s = new StringBuilder();
        if (computed) {
            s.append("Computed without a model: deterministic findings from the metrics (largest failure categories,"
                    + " worst latency percentiles, biggest friction themes). Configure an insights model for themes"
                    + " synthesised from the calls' notes.");
        } else {
            s.append("Synthesised by ").append(model == null ? "a model" : "model " + model);
            if (prompt != null) {
                s.append(" with prompt ").append(prompt);
            }
            s.append(" from the metrics and the calls' notes. Themes are the model's reading of the data;"
                    + " check them against the supporting calls.");
        }
        if (at != null) {
            s.append(" Generated ").append(ReportText.time(at)).append('.');
        }
        return s.toString();
    }

    /** An optional overall summary paragraph, if the insights carry one. */
    static String summary(JsonNode insights) {
        return firstText(insights, "summary", "overview");
    }

    private static String describe(JsonNode n, boolean model) {
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (n.isValueNode()) {
            return n.asText();
        }
        Object v = vaa.io.Json.MAPPER.convertValue(n, Object.class);
        return model ? ReportLoader.describeModel(v) : ReportLoader.describePrompt(v);
    }

    private static String firstText(JsonNode n, String... fields) {
        for (String f : fields) {
            String s = text(n.path(f));
            if (s != null && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }

    private static String text(JsonNode n) {
        return n.isValueNode() && !n.isNull() ? n.asText() : null;
    }
}
