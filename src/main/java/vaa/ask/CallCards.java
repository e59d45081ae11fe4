package vaa.ask;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaa.extract.NlFieldsExtractor;

/**
 * Builds a {@link CallCard} from an analysis document and, when there is one, the call's canonical
 * transcript. Texts are whitespace-collapsed and cut at a word boundary: a card is evidence for a
 * prompt, the full texts stay in the run's files.
 */
final class CallCards {
    static final int SUMMARY_CHARS = 400;
    static final int REASON_CHARS = 300;
    static final int SHORT_CHARS = 200;
    static final int LINE_CHARS = 400;
    static final int METADATA_FIELDS = 8;

    /** Structural figures worth a question ("calls with long silences?"); the rest stays in the analysis. */
    private static final List<String> STRUCTURE = List.of("duration_s", "utterances", "agent_talk_ratio",
            "agent_response_latency_p50_s", "agent_response_latency_p95_s", "interruptions", "longest_silence_s");

    private CallCards() {}

    static CallCard of(String callId, JsonNode analysis, JsonNode transcript) {
        JsonNode j = analysis.path("judgement");
        boolean judged = j.isObject();
        List<CallCard.Friction> friction = new ArrayList<>();
        for (JsonNode f : j.path("friction_points")) {
            friction.add(new CallCard.Friction(text(f.path("category"), SHORT_CHARS), text(f.path("description"), SHORT_CHARS),
                    text(f.path("quote"), SHORT_CHARS), f.path("utterance_index").isIntegralNumber() ? f.path("utterance_index").asInt() : null,
                    f.path("quote_verified").asBoolean(false)));
        }
        List<CallCard.AgentError> errors = new ArrayList<>();
        for (JsonNode e : j.path("agent_errors")) {
            errors.add(new CallCard.AgentError(text(e.path("category"), SHORT_CHARS), text(e.path("description"), SHORT_CHARS)));
        }
        return new CallCard(callId, judged, text(j.path("outcome"), SHORT_CHARS), text(j.path("customer_intent"), SHORT_CHARS),
                bool(j.path("task_completed")), bool(j.path("escalation_requested")),
                text(j.path("sentiment_start"), SHORT_CHARS), text(j.path("sentiment_end"), SHORT_CHARS),
                text(j.path("summary"), SUMMARY_CHARS), text(j.path("failure_reason"), REASON_CHARS),
                text(j.path("improvement_suggestion"), REASON_CHARS), friction, errors,
                structure(analysis.path("structural")), metadata(analysis.path("metadata")), lines(transcript));
    }

    private static Map<String, Object> structure(JsonNode s) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : STRUCTURE) {
            JsonNode v = s.path(name);
            if (v.isNumber()) {
                out.put(name, v.numberValue());
            }
        }
        return out;
    }

    /** Top-level scalar metadata only (agent name, task type, source): nested objects are source detail. */
    private static Map<String, String> metadata(JsonNode m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.fields().forEachRemaining(e -> {
            if (out.size() < METADATA_FIELDS && e.getValue().isValueNode() && !e.getValue().isNull()) {
                String v = text(e.getValue(), SHORT_CHARS);
                if (v != null) {
                    out.put(e.getKey(), v);
                }
            }
        });
        return out;
    }

    private static List<CallCard.Line> lines(JsonNode transcript) {
        List<CallCard.Line> out = new ArrayList<>();
        if (transcript == null) {
            return out;
        }
        int i = 0;
        for (JsonNode u : transcript.path("utterances")) {
            String t = text(u.path("text"), LINE_CHARS);
            if (t != null) {
                out.add(new CallCard.Line(i, u.path("speaker").asText("other"), t));
            }
            i++;
        }
        return out;
    }

    private static Boolean bool(JsonNode n) {
        return n.isBoolean() ? n.asBoolean() : null;
    }

    /** Condensed as stage 4 condenses the notes: whitespace collapsed, empties as null, cut at a word boundary. */
    private static String text(JsonNode node, int max) {
        String s = NlFieldsExtractor.collapse(node);
        return s == null ? null : NlFieldsExtractor.cut(s, max);
    }
}
