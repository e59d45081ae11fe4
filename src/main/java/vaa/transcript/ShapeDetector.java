package vaa.transcript;

import com.fasterxml.jackson.databind.JsonNode;

/** Recognises a JSON transcript format from the document's top-level keys. */
final class ShapeDetector {
    static final String UNKNOWN = "unknown transcript shape (expected canonical, processed, Vapi, Retell or Deepgram JSON)";

    private ShapeDetector() {}

    static TranscriptFormat detect(JsonNode root) {
        if (root.isArray()) {
            JsonNode first = root.path(0);
            if (first.has("speaker_role") && first.has("human_transcript")) {
                throw new NotATranscriptException(
                        "Harper Valley segment list, not a call transcript (convert it first: tools/convert)");
            }
            throw new NotATranscriptException(UNKNOWN);
        }
        if (!root.isObject()) {
            throw new NotATranscriptException(UNKNOWN);
        }
        if (root.path("utterances").isArray()) {
            return TranscriptFormat.CANONICAL;
        }
        if (root.has("audio_stem") || root.path("conversation").path("utterances").isArray()) {
            return TranscriptFormat.PROCESSED;
        }
        if (isRetell(root) || isRetell(root.path("call"))) {
            return TranscriptFormat.RETELL;
        }
        if (root.path("artifact").isObject()
                || root.path("message").path("artifact").isObject()
                || root.path("messages").isArray() && root.has("startedAt")) {
            return TranscriptFormat.VAPI;
        }
        JsonNode results = root.path("results");
        if (results.path("utterances").isArray() || results.path("channels").isArray()) {
            return TranscriptFormat.DEEPGRAM;
        }
        throw new NotATranscriptException(UNKNOWN);
    }

    private static boolean isRetell(JsonNode node) {
        return node.has("transcript_object")
                || node.has("transcript_with_tool_calls")
                || node.has("call_id") && (node.has("transcript") || node.has("call_status"));
    }
}
