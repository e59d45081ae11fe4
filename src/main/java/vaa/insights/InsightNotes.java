package vaa.insights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import vaa.extract.NlFields;
import vaa.io.Json;

/**
 * The text the insights prompts see. Notes are plain labelled lines rather than JSON: the same
 * facts in about two thirds of the tokens, and the call id leads each block so models copy it whole.
 */
final class InsightNotes {
    private static final int TOP_CATEGORIES = 10;

    private InsightNotes() {}

    /** One block per call. */
    static String callNote(NlFields.CallNotes c) {
        StringBuilder b = new StringBuilder();
        b.append("- call ").append(c.callId());
        if (c.outcome() != null) {
            b.append(" | outcome: ").append(c.outcome());
        }
        if (c.intent() != null) {
            b.append(" | intent: ").append(c.intent());
        }
        b.append('\n');
        line(b, "summary", c.summary());
        line(b, "failure", c.failureReason());
        for (NlFields.FrictionQuote f : c.friction()) {
            String quote = f.quote() == null ? "" : " \"" + f.quote() + "\"" + (f.verified() ? "" : " (quote not found in transcript)");
            line(b, "friction", "[" + (f.category() == null ? "other" : f.category()) + "]" + quote);
        }
        for (NlFields.AgentError e : c.agentErrors()) {
            line(b, "agent error", "[" + (e.category() == null ? "other" : e.category()) + "]"
                    + (e.description() == null ? "" : " " + e.description()));
        }
        line(b, "suggestion", c.improvementSuggestion());
        return b.toString();
    }

    /** A theme found in an earlier batch, as input to a merge. */
    static String themeNote(InsightTheme t) {
        StringBuilder b = new StringBuilder();
        b.append("- theme: ").append(t.title()).append(" | calls: ").append(t.callCount()).append('\n');
        line(b, "explanation", t.explanation());
        line(b, "call ids", String.join(", ", t.supportingCallIds()));
        for (String r : t.recommendations()) {
            line(b, "recommendation", r);
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String value) {
        if (value != null && !value.isBlank()) {
            b.append("  ").append(label).append(": ").append(value).append('\n');
        }
    }

    /**
     * metrics.json without what a model does not need (histograms, intervals, example ids, breakdowns),
     * as compact JSON: the headline figures in a few hundred tokens.
     */
    static String metricsDigest(JsonNode m) {
        ObjectNode d = Json.MAPPER.createObjectNode();
        d.set("calls", copy(m.path("calls")));
        ObjectNode outcomes = d.putObject("outcomes");
        for (JsonNode o : m.path("outcomes").path("distribution")) {
            outcomes.set(o.path("outcome").asText(), countShare(o));
        }
        d.set("task_completed", countShare(m.path("task_completion")));
        d.set("escalation_requested", countShare(m.path("escalation_requested")));
        ArrayNode transitions = d.putArray("sentiment_transitions");
        int n = 0;
        for (JsonNode t : m.path("sentiment").path("transitions")) {
            if (n++ == 5) {
                break;
            }
            transitions.add(t.path("from").asText() + "->" + t.path("to").asText() + ": " + t.path("count").asInt());
        }
        d.set("friction_categories", categories(m.path("friction")));
        d.set("agent_error_categories", categories(m.path("agent_errors")));
        ObjectNode st = d.putObject("structural");
        JsonNode s = m.path("structural");
        s.fields().forEachRemaining(f -> {
            ObjectNode fig = st.putObject(f.getKey());
            for (String k : List.of("n", "p50", "p90", "p95", "mean", "max")) {
                if (f.getValue().has(k)) {
                    fig.set(k, f.getValue().get(k));
                }
            }
        });
        try {
            return Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode countShare(JsonNode rate) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.set("count", copy(rate.path("count")));
        o.set("n", copy(rate.path("n")));
        o.set("share", copy(rate.path("share")));
        return o;
    }

    /** metrics.json is another stage's file: an absent figure becomes null rather than breaking the digest. */
    private static JsonNode copy(JsonNode n) {
        return n.isMissingNode() ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : n.deepCopy();
    }

    private static ArrayNode categories(JsonNode section) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (JsonNode c : section.path("categories")) {
            if (out.size() == TOP_CATEGORIES) {
                break;
            }
            out.add(c.path("category").asText() + ": " + c.path("count").asInt() + " in " + c.path("calls").asInt() + " calls");
        }
        return out;
    }
}
