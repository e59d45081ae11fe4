package vaa.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to ask: the messages, an optional JSON-schema response format, and per-call parameter
 * overrides laid over the catalog's parameters (same names as the wire API, e.g. {@code temperature},
 * {@code max_tokens}; a {@code null} value removes a catalog parameter). {@code trace} says where the
 * call is traced; it shapes no answer, so the response cache ignores it. {@code stream} asks for the answer as it
 * is generated (the default), which is what gives a TTFT; batch work whose first token nobody waits for (the
 * judge, insights) asks {@linkplain #unstreamed() without streaming}: one JSON document to parse instead of an event
 * per token. The answer is the same either way, so the response cache ignores that too.
 */
public record LlmRequest(List<ChatMessage> messages, ResponseFormat responseFormat, Map<String, Object> params,
                         Tracer.Call trace, boolean stream) {
    public LlmRequest {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a request needs at least one message");
        }
        // LinkedHashMap rather than Map.copyOf: null values are meaningful (they remove a parameter)
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        trace = trace == null ? Tracer.Call.NONE : trace;
    }

    /** A streamed request. */
    public LlmRequest(List<ChatMessage> messages, ResponseFormat responseFormat, Map<String, Object> params, Tracer.Call trace) {
        this(messages, responseFormat, params, trace, true);
    }

    /** An untraced streamed request (a trace of its own when tracing is on). */
    public LlmRequest(List<ChatMessage> messages, ResponseFormat responseFormat, Map<String, Object> params) {
        this(messages, responseFormat, params, Tracer.Call.NONE);
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
        return new LlmRequest(messages, Objects.requireNonNull(format), params, trace, stream);
    }

    public LlmRequest withParam(String name, Object value) {
        Map<String, Object> next = new LinkedHashMap<>(params);
        next.put(name, value);
        return new LlmRequest(messages, responseFormat, next, trace, stream);
    }

    /** The same request with other messages (a repair round), traced the same way. */
    public LlmRequest withMessages(List<ChatMessage> newMessages) {
        return new LlmRequest(newMessages, responseFormat, params, trace, stream);
    }

    /** The same request, recorded as a generation under {@code how}'s span (see {@link Tracer}). */
    public LlmRequest traced(Tracer.Call how) {
        return new LlmRequest(messages, responseFormat, params, how, stream);
    }

    /** The same request, answered in one piece rather than streamed: its response has no TTFT. */
    public LlmRequest unstreamed() {
        return new LlmRequest(messages, responseFormat, params, trace, false);
    }

    /** The parameters sent for this request to {@code model}: the catalog's with this request's overrides. */
    public ObjectNode paramsFor(ResolvedModel model) {
        return ChatRequests.effectiveParams(model, this);
    }
}
