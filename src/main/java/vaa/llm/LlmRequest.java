package vaa.llm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to ask: the messages, an optional JSON-schema response format, and per-call parameter
 * overrides laid over the catalog's parameters (same names as the wire API, e.g. {@code temperature},
 * {@code max_tokens}; a {@code null} value removes a catalog parameter).
 */
public record LlmRequest(List<ChatMessage> messages, ResponseFormat responseFormat, Map<String, Object> params) {
    public LlmRequest {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a request needs at least one message");
        }
        // LinkedHashMap rather than Map.copyOf: null values are meaningful (they remove a parameter)
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static LlmRequest of(List<ChatMessage> messages) {
        return new LlmRequest(messages, null, Map.of());
    }

    public static LlmRequest of(ChatMessage... messages) {
        return of(List.of(messages));
    }

    public Optional<ResponseFormat> format() {
        return Optional.ofNullable(responseFormat);
    }

    public LlmRequest withResponseFormat(ResponseFormat format) {
        return new LlmRequest(messages, Objects.requireNonNull(format), params);
    }

    public LlmRequest withParam(String name, Object value) {
        Map<String, Object> next = new LinkedHashMap<>(params);
        next.put(name, value);
        return new LlmRequest(messages, responseFormat, next);
    }
}
