package vaa.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import vaa.llm.ChatMessage;
import vaa.llm.Tracer;

/**
 * One fetched prompt version. A chat prompt has {@code messages} (and {@code text} null); a text
 * prompt has {@code text} (and no messages). {@code source} says where it came from, e.g.
 * {@code "langfuse https://cloud.langfuse.com"}, {@code "local file prompts/x.json"} or {@code "built-in"}.
 */
public record Prompt(
        String name,
        int version,
        PromptType type,
        List<ChatMessage> messages,
        String text,
        JsonNode config,
        List<String> labels,
        String source) {

    public Prompt {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        if (type == PromptType.CHAT) {
            Objects.requireNonNull(messages, "a chat prompt needs messages");
            if (text != null) {
                throw new IllegalArgumentException("a chat prompt has messages, not text");
            }
        } else {
            Objects.requireNonNull(text, "a text prompt needs text");
            if (messages != null && !messages.isEmpty()) {
                throw new IllegalArgumentException("a text prompt has text, not messages");
            }
        }
        messages = messages == null ? List.of() : List.copyOf(messages);
        labels = labels == null ? List.of() : List.copyOf(labels);
        // JsonNode is mutable; a prompt may be shared through the cache, so it keeps its own copy.
        config = config == null || config.isNull() || config.isMissingNode()
                ? JsonNodeFactory.instance.objectNode()
                : config.deepCopy();
    }

    public static Prompt chat(String name, int version, List<ChatMessage> messages, JsonNode config,
                              List<String> labels, String source) {
        return new Prompt(name, version, PromptType.CHAT, messages, null, config, labels, source);
    }

    public static Prompt text(String name, int version, String text, JsonNode config,
                              List<String> labels, String source) {
        return new Prompt(name, version, PromptType.TEXT, List.of(), text, config, labels, source);
    }

    @Override
    public JsonNode config() {
        return config.deepCopy();
    }

    /**
     * The messages to send to a model: every {@code {{variable}}} replaced as {@link PromptTemplate}
     * does. A text prompt becomes one {@code user} message, as the seed's chat-then-text fallback did.
     */
    public List<ChatMessage> compile(Map<String, ?> variables) {
        if (type == PromptType.TEXT) {
            return List.of(ChatMessage.user(PromptTemplate.compile(text, variables)));
        }
        List<ChatMessage> out = new ArrayList<>(messages.size());
        for (ChatMessage m : messages) {
            out.add(new ChatMessage(m.role(), PromptTemplate.compile(m.content(), variables)));
        }
        return List.copyOf(out);
    }

    /** The distinct variable names used across the prompt, in order of first use. */
    public List<String> variables() {
        if (type == PromptType.TEXT) {
            return PromptTemplate.variables(text);
        }
        Set<String> names = new LinkedHashSet<>();
        for (ChatMessage m : messages) {
            names.addAll(PromptTemplate.variables(m.content()));
        }
        return new ArrayList<>(names);
    }

    /** How traces name this prompt; only a version fetched from Langfuse is linked to its prompt there. */
    public Tracer.PromptRef traceRef() {
        return new Tracer.PromptRef(name, version, source, source.startsWith(LangfusePromptSource.SOURCE_PREFIX));
    }

    /** {@code name v3 (langfuse https://host)}, for log headers and messages. */
    public String describe() {
        return name + " v" + version + " (" + source + ")";
    }
}
