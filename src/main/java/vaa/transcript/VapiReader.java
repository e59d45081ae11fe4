package vaa.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Vapi call object ({@code GET /call/{id}}: {@code id, startedAt, endedAt, endedReason, customer,
 * artifact.messages[]}) or an end-of-call-report webhook ({@code {"message": {"type": "end-of-call-report",
 * "call", "artifact", ...}}}). Only bot/assistant and user messages become utterances; system and tool messages
 * are skipped.
 *
 * <p>Timing: {@code secondsFromStart} is the start. The end comes from {@code endTime - time} (both epoch ms)
 * when present; otherwise from {@code duration}, taken as milliseconds: Vapi's API reference calls it seconds,
 * but the payloads it sends carry milliseconds (equal to {@code endTime - time}).
 */
final class VapiReader implements JsonTranscriptReader {
    private static final String[] METADATA_FIELDS = {
        "type", "status", "endedReason", "customer", "assistantId", "phoneNumberId", "cost", "analysis", "metadata"
    };

    @Override
    public Call read(JsonNode root, Path file) {
        JsonNode report = root.path("message");
        boolean webhook = report.isObject() && report.path("artifact").isObject();
        // In a webhook the call fields live partly on the report, partly on report.call.
        List<JsonNode> sources = webhook ? List.of(report, report.path("call")) : List.of(root);
        JsonNode artifact = webhook ? report.path("artifact") : root.path("artifact");
        JsonNode messages = artifact.path("messages");
        if (!messages.isArray()) {
            messages = root.path("messages");
        }
        if (!messages.isArray()) {
            throw new NotATranscriptException("Vapi call has no artifact.messages");
        }

        List<Utterance> utterances = new ArrayList<>();
        int index = 0;
        for (JsonNode m : messages) {
            String where = "message " + index++ + ": ";
            String role = JsonFields.text(m, "role", where);
            Role mapped = switch (role == null ? "" : role) {
                case "bot", "assistant" -> Role.AGENT;
                case "user" -> Role.CUSTOMER;
                default -> null;
            };
            if (mapped == null) {
                continue;
            }
            String text = JsonFields.text(m, "message", where);
            if (text == null) {
                text = JsonFields.text(m, "content", where);
            }
            if (text == null || text.isBlank()) {
                continue;
            }
            Double start = JsonFields.number(m, "secondsFromStart", where);
            utterances.add(new Utterance(mapped, role, text.strip(), start, end(m, start, where)));
        }

        String id = text(sources, "id").filter(s -> !s.isBlank()).orElseGet(() -> JsonTranscriptReader.stem(file));
        String startedAt = text(sources, "startedAt").orElse(null);
        Double duration = first(sources, "durationSeconds").filter(JsonNode::isNumber).map(JsonNode::doubleValue)
                .filter(Double::isFinite)
                .orElseGet(() -> Times.secondsBetween(startedAt, text(sources, "endedAt").orElse(null)));
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (String field : METADATA_FIELDS) {
            first(sources, field).ifPresent(v -> metadata.put(field, JsonFields.plain(v)));
        }
        return new Call(id, startedAt, duration, metadata, utterances);
    }

    private static Double end(JsonNode m, Double start, String where) {
        if (start == null) {
            return null;
        }
        Double time = JsonFields.number(m, "time", where);
        Double endTime = JsonFields.number(m, "endTime", where);
        if (time != null && endTime != null && endTime >= time) {
            return Times.round(start + (endTime - time) / 1000.0);
        }
        Double durationMs = JsonFields.number(m, "duration", where);
        return durationMs == null ? null : Times.round(start + durationMs / 1000.0);
    }

    private static Optional<JsonNode> first(List<JsonNode> sources, String field) {
        return sources.stream().map(s -> s.get(field)).filter(JsonFields::present).findFirst();
    }

    /** A scalar field as text; an object or array where an id or a time belongs counts as absent. */
    private static Optional<String> text(List<JsonNode> sources, String field) {
        return first(sources, field).filter(JsonNode::isValueNode).map(JsonNode::asText);
    }
}
