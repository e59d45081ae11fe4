package vaa.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Retell call object ({@code GET /v2/get-call/{id}}) or a call webhook ({@code {"event", "call": {...}}}).
 * Utterances come from {@code transcript_object[]} (role agent/user, content, words[].start/end in seconds),
 * else from the agent/user entries of {@code transcript_with_tool_calls[]}, else from the plain
 * {@code transcript} text ("Agent: ...\nUser: ...").
 */
final class RetellReader implements JsonTranscriptReader {
    private static final String[] METADATA_FIELDS = {
        "agent_id", "call_type", "direction", "call_status", "disconnection_reason", "call_analysis", "metadata",
        "retell_llm_dynamic_variables"
    };

    @Override
    public Call read(JsonNode root, Path file) {
        JsonNode call = root.path("call").isObject() && !root.has("call_id") ? root.path("call") : root;
        if (!call.isObject()) {
            throw new NotATranscriptException("Retell call must be a JSON object");
        }
        String id = JsonFields.text(call, "call_id", "");
        if (id == null || id.isBlank()) {
            id = JsonTranscriptReader.stem(file);
        }
        Long startMs = JsonFields.millis(call, "start_timestamp");
        Map<String, Object> metadata = new LinkedHashMap<>();
        JsonFields.copyPresent(call, metadata, METADATA_FIELDS);
        return new Call(id, Times.isoFromEpochMillis(startMs), duration(call, startMs), metadata, utterances(call, id));
    }

    /** From the timestamps, else from duration_ms, else unknown (calls that never connected have neither). */
    private static Double duration(JsonNode call, Long startMs) {
        Long endMs = JsonFields.millis(call, "end_timestamp");
        if (startMs != null && endMs != null && endMs >= startMs) {
            return Times.seconds(endMs - startMs);
        }
        Long ms = JsonFields.millis(call, "duration_ms");
        return ms == null ? null : Times.seconds(ms);
    }

    private static List<Utterance> utterances(JsonNode call, String id) {
        JsonNode turns = call.path("transcript_object");
        if (!turns.isArray()) {
            turns = call.path("transcript_with_tool_calls");
        }
        if (turns.isArray()) {
            return fromTurns(turns);
        }
        String transcript = JsonFields.text(call, "transcript", "");
        if (transcript != null && !transcript.isBlank()) {
            return TextTranscriptParser.parse(transcript.lines().toList(), id).utterances();
        }
        throw new NotATranscriptException("Retell call has no transcript_object");
    }

    private static List<Utterance> fromTurns(JsonNode turns) {
        List<Utterance> utterances = new ArrayList<>();
        int index = 0;
        for (JsonNode t : turns) {
            String where = "transcript_object " + index++ + ": ";
            String role = JsonFields.text(t, "role", where);
            Role mapped = switch (role == null ? "" : role) {
                case "agent" -> Role.AGENT;
                case "user" -> Role.CUSTOMER;
                default -> null; // tool_call_invocation, tool_call_result, ...
            };
            String text = JsonFields.text(t, "content", where);
            if (mapped == null || text == null || text.isBlank()) {
                continue;
            }
            JsonNode words = t.path("words");
            Double start = null;
            Double end = null;
            if (words.isArray() && !words.isEmpty()) {
                start = JsonFields.number(words.get(0), "start", where + "words[0].");
                end = JsonFields.number(words.get(words.size() - 1), "end", where + "words[-1].");
            }
            utterances.add(new Utterance(mapped, role, text.strip(), start, end));
        }
        return utterances;
    }
}
