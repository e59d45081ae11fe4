package vaa.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import vaa.llm.ChatMessage;

/**
 * Reads the prompt shape Langfuse's {@code GET /api/public/v2/prompts/{name}} returns, which local
 * prompt files share: {@code name, version, type, prompt, config, labels}. Problems are reported as
 * {@link IllegalArgumentException} with a message naming the field; callers add where it came from.
 */
final class PromptJson {
    private PromptJson() {}

    static Prompt parse(JsonNode root, String expectedName, String source) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        String name = root.path("name").isTextual() ? root.get("name").textValue() : expectedName;
        JsonNode versionNode = root.path("version");
        if (!versionNode.canConvertToInt() || !versionNode.isIntegralNumber() || versionNode.intValue() < 1) {
            throw new IllegalArgumentException("'version' must be a whole number of 1 or more");
        }
        int version = versionNode.intValue();
        JsonNode body = root.path("prompt");
        JsonNode config = root.get("config");
        List<String> labels = strings(root.path("labels"), "labels");

        if (isChat(root, body)) {
            return Prompt.chat(name, version, messages(body), config, labels, source);
        }
        if (!body.isTextual()) {
            throw new IllegalArgumentException("'prompt' must be a list of chat messages or a text");
        }
        return Prompt.text(name, version, body.textValue(), config, labels, source);
    }

    /**
     * Chat first, text as the fallback, as the seed's {@code compile_prompt} did: a prompt is used as
     * chat when it says so and really holds a message list; anything else that holds a string is text.
     */
    private static boolean isChat(JsonNode root, JsonNode body) {
        String declared = root.path("type").asText("");
        PromptType type = declared.isEmpty() ? null : PromptType.fromWire(declared).orElseThrow(() ->
                new IllegalArgumentException("unknown prompt 'type' \"" + declared + "\" (expected chat or text)"));
        return type != PromptType.TEXT && body.isArray();
    }

    private static List<ChatMessage> messages(JsonNode body) {
        List<ChatMessage> out = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            JsonNode m = body.get(i);
            String kind = m.path("type").asText("");
            if (kind.equals("placeholder")) {
                // vaa fills only {{variables}}; dropping a message slot would silently run a different prompt.
                throw new IllegalArgumentException("message " + (i + 1) + " is a message placeholder (\""
                        + m.path("name").asText("?") + "\"), which vaa cannot fill; replace it with a"
                        + " {{variable}} inside a message");
            }
            if (!m.path("role").isTextual() || m.path("role").textValue().isBlank()) {
                throw new IllegalArgumentException("message " + (i + 1) + " has no 'role'");
            }
            JsonNode content = m.path("content");
            if (!content.isTextual()) {
                throw new IllegalArgumentException("message " + (i + 1) + " has no text 'content'");
            }
            out.add(new ChatMessage(m.get("role").textValue(), content.textValue()));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the chat prompt has no messages");
        }
        return out;
    }

    private static List<String> strings(JsonNode node, String field) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("'" + field + "' must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual()) {
                throw new IllegalArgumentException("'" + field + "' must be a list of strings");
            }
            out.add(n.textValue());
        }
        return out;
    }
}
