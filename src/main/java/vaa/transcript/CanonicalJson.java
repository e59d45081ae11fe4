package vaa.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vaa.io.Json;

/**
 * The canonical vaa transcript JSON (DESIGN §4): what {@code sampled/} holds and what other formats convert to.
 *
 * <pre>{"id", "started_at"?, "duration_s"?, "metadata"?: {...},
 *  "utterances": [{"speaker": "agent"|"customer"|"other", "speaker_label"?, "text", "start"?, "end"?, "metadata"?}]}</pre>
 *
 * Absent optionals are omitted; {@code speaker_label} only when it differs from {@code speaker}; per-utterance
 * {@code metadata} is a vaa extension for source extras (ASR text, emotion). Fields are written in this fixed
 * order and metadata in insertion order, so the same call always serialises to the same bytes.
 */
public final class CanonicalJson {
    private CanonicalJson() {}

    public static ObjectNode toTree(Call call) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("id", call.id());
        if (call.startedAt() != null) {
            root.put("started_at", call.startedAt());
        }
        if (call.durationS() != null) {
            root.put("duration_s", call.durationS());
        }
        if (!call.metadata().isEmpty()) {
            root.set("metadata", Json.MAPPER.valueToTree(call.metadata()));
        }
        ArrayNode utterances = root.putArray("utterances");
        for (Utterance u : call.utterances()) {
            ObjectNode node = utterances.addObject();
            node.put("speaker", u.role().wireName());
            if (!u.speaker().equals(u.role().wireName())) {
                node.put("speaker_label", u.speaker());
            }
            node.put("text", u.text());
            if (u.start() != null) {
                node.put("start", u.start());
            }
            if (u.end() != null) {
                node.put("end", u.end());
            }
            if (!u.metadata().isEmpty()) {
                node.set("metadata", Json.MAPPER.valueToTree(u.metadata()));
            }
        }
        return root;
    }

    /** Pretty-printed canonical JSON with a trailing newline. */
    public static String toJson(Call call) {
        return Json.pretty(toTree(call));
    }

    /** Writes the call as canonical JSON, atomically. */
    public static void write(Path file, Call call) throws IOException {
        Json.write(file, toTree(call));
    }

    /** Parses a canonical transcript; a missing id falls back to {@code fallbackId} (the file stem). */
    static Call fromTree(JsonNode root, String fallbackId) {
        if (!root.isObject()) {
            throw new NotATranscriptException("canonical transcript must be a JSON object");
        }
        String id = JsonFields.text(root, "id", "");
        JsonNode utterancesNode = root.get("utterances");
        if (utterancesNode == null || !utterancesNode.isArray()) {
            throw new NotATranscriptException("utterances must be a JSON array");
        }
        List<Utterance> utterances = new ArrayList<>(utterancesNode.size());
        int index = 0;
        for (JsonNode u : utterancesNode) {
            utterances.add(utterance(u, "utterance " + index + ": "));
            index++;
        }
        return new Call(
                id == null || id.isBlank() ? fallbackId : id,
                JsonFields.text(root, "started_at", ""),
                JsonFields.number(root, "duration_s", ""),
                JsonFields.objectAsMap(root.get("metadata"), "metadata"),
                utterances);
    }

    private static Utterance utterance(JsonNode u, String where) {
        if (!u.isObject()) {
            throw new NotATranscriptException(where + "must be a JSON object");
        }
        String speaker = JsonFields.text(u, "speaker", where);
        if (speaker == null) {
            throw new NotATranscriptException(where + "missing speaker");
        }
        String text = JsonFields.text(u, "text", where);
        if (text == null) {
            throw new NotATranscriptException(where + "missing text");
        }
        String label = JsonFields.text(u, "speaker_label", where);
        Map<String, Object> metadata = JsonFields.objectAsMap(u.get("metadata"), where + "metadata");
        return new Utterance(
                Role.fromLabel(speaker),
                label != null ? label : speaker,
                text,
                JsonFields.number(u, "start", where),
                JsonFields.number(u, "end", where),
                metadata);
    }
}
