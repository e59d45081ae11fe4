package vaa.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import vaa.io.Json;
import vaa.llm.ChatMessage;
import vaa.llm.ResponseCache;

/**
 * What a span says about prompts and answers: the text itself (Langfuse shows chat messages as a
 * conversation), or with content off only each text's sha256 and length, so teams that may not
 * ship transcripts still see which calls had identical inputs.
 */
final class Content {
    private final boolean full;

    Content(boolean full) {
        this.full = full;
    }

    boolean full() {
        return full;
    }

    /** The messages as a JSON array of {role, content} (or {role, sha256, chars}). */
    String messages(List<ChatMessage> messages) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (ChatMessage m : messages) {
            ObjectNode o = out.addObject().put("role", m.role());
            text(o, m.content());
        }
        return compact(out);
    }

    /** An answer (or any other text): itself, or {sha256, chars}. */
    String text(String text) {
        if (full) {
            return text;
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        text(o, text);
        return compact(o);
    }

    private void text(ObjectNode into, String text) {
        if (full) {
            into.put("content", text);
        } else {
            into.put("sha256", ResponseCache.sha256(text)).put("chars", text.length());
        }
    }

    static String compact(Object node) {
        try {
            return Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }
}
