package vaa.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads reports/insights.json for the report, tolerating missing or differently shaped parts: a
 * theme without a title or a recommendation given as an object still shows what there is.
 */
final class ReportInsights {
    /** How many supporting call ids a theme lists before "and N more". */
    static final int MAX_IDS = 6;

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

    /**
     * How the insights were made, so a reader knows what kind of claim they are.
     *
     * @param computed true when no model was involved (rule-based themes from the metrics)
     * @param text     what produced them, in sentences
     * @param howTo    for computed insights, how to get a model's instead (nullable)
     */
    record Origin(boolean computed, String text, String howTo) {}

    static Origin origin(JsonNode insights) {
        // insights.json names it produced_by; generated_by is accepted as an older spelling
        String by = text(insights.path("produced_by"));
        if (by == null) {
            by = text(insights.path("generated_by"));
        }
        String at = text(insights.path("generated_at"));
        String when = at == null ? "" : " Generated " + ReportText.time(at) + ".";
        boolean computed = by != null && !by.equalsIgnoreCase("model");
        if (computed) {
            String notice = text(insights.path("notice"));
            String why = text(insights.path("model_skipped_reason"));
            String text = "Computed without a model. " + sentence(notice != null ? notice
                    : "These themes are computed from the metrics by fixed rules (largest failure categories, worst latency"
                    + " percentiles, biggest friction themes by count); no model read the calls")
                    + (why != null ? " Why no model: " + sentence(why) : "") + when;
            return new Origin(true, text, text(insights.path("how_to_configure")));
        }
        String model = describe(insights.path("model"), true);
        String prompt = describe(insights.path("prompt"), false);
        StringBuilder s = new StringBuilder("Synthesised by ").append(model == null ? "a model" : "model " + model);
        if (prompt != null) {
            s.append(" with prompt ").append(prompt);
        }
        s.append(" from the metrics and the calls' notes").append(method(insights.path("method"))).append('.');
        int removed = insights.path("invalid_ids_removed").size();
        if (removed > 0) {
            s.append(' ').append(removed).append(removed == 1 ? " call id" : " call ids")
                    .append(" the model cited did not belong to this run and were removed.");
        }
        s.append(" Themes are the model's reading of the data; check them against the supporting calls.").append(when);
        return new Origin(false, s.toString(), null);
    }

    /** ", in one request" or ", by map-reduce over 6 batches in 2 levels (7 requests, 3 cached)". */
    private static String method(JsonNode m) {
        String mode = text(m.path("mode"));
        if (mode == null) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        if (mode.equals("single_pass")) {
            s.append(", in one request");
        } else if (mode.equals("map_reduce")) {
            s.append(", by map-reduce");
            if (m.path("chunks").isNumber()) {
                s.append(" over ").append(m.path("chunks").asInt()).append(" batches of notes");
            }
            if (m.path("levels").asInt(0) > 1) {
                s.append(" in ").append(m.path("levels").asInt()).append(" levels");
            }
            s.append(" (the notes exceeded one request's context budget)");
        } else {
            s.append(", method ").append(mode.replace('_', ' '));
        }
        if (m.path("requests").asInt(0) > 0) {
            s.append("; ").append(m.path("requests").asInt()).append(m.path("requests").asInt() == 1 ? " request" : " requests");
            if (m.path("cached_requests").asInt(0) > 0) {
                s.append(", ").append(m.path("cached_requests").asInt()).append(" answered from the run's cache");
            }
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

    private static String sentence(String s) {
        String t = s.strip();
        return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
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
