package vaa.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.JsonValue;
import com.openai.models.ReasoningEffort;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import vaa.io.Json;

/**
 * Turns a request for a resolved model into SDK parameters. The catalog's params (with the
 * request's overrides laid over them) decide what is sent: the parameters the SDK models are set
 * through its typed builders, every other one (top_k, an integer reasoning_effort, ...) and every
 * extra_body field goes into the body as given.
 */
final class ChatRequests {
    private ChatRequests() {}

    /** Catalog params with the request's overrides; a null override removes the parameter. */
    static ObjectNode effectiveParams(ResolvedModel model, LlmRequest request) {
        ObjectNode params = model.params();
        request.params().forEach((name, value) -> {
            if (value == null) {
                params.remove(name);
            } else {
                params.set(name, Json.MAPPER.valueToTree(value));
            }
        });
        return params;
    }

    static ChatCompletionCreateParams toParams(ResolvedModel model, LlmRequest request) {
        ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder().model(model.model());
        if (request.stream()) {
            // usage comes in a last chunk only when asked for; OpenAI refuses stream_options without streaming
            b.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
        }
        for (ChatMessage m : request.messages()) {
            switch (m.role()) {
                case "system" -> b.addSystemMessage(m.content());
                case "developer" -> b.addDeveloperMessage(m.content());
                case "user" -> b.addUserMessage(m.content());
                case "assistant" -> b.addAssistantMessage(m.content());
                default -> throw new IllegalArgumentException("unsupported chat role \"" + m.role() + "\"");
            }
        }
        ObjectNode extraBody = model.extraBody();
        ObjectNode params = effectiveParams(model, request);
        params.fields().forEachRemaining(p -> {
            if (!extraBody.has(p.getKey())) {
                setParam(b, p.getKey(), p.getValue());
            }
        });
        extraBody.fields().forEachRemaining(f -> b.putAdditionalBodyProperty(f.getKey(), JsonValue.fromJsonNode(f.getValue())));
        request.format().filter(f -> model.entry().jsonSchema()).ifPresent(f -> b.responseFormat(jsonSchema(f)));
        return b.build();
    }

    /**
     * The prompt's tokens by {@link TokenEstimate} (messages and, when sent, the schema), before it is sent,
     * for rate limits; {@link Pacer} scales it by what the provider's usage reports say.
     */
    static long estimatedPromptTokens(ResolvedModel model, LlmRequest request) {
        long schema = model.entry().jsonSchema() && request.format().isPresent() ? converted(request.format().get()).tokens() : 0;
        return TokenEstimate.of(request.messages()) + schema;
    }

    /** The most output the request allows, which OpenAI counts against the token limit up front; 0 when unlimited. */
    static long allowedOutputTokens(ChatCompletionCreateParams params) {
        return Math.max(params.maxTokens().orElse(0L), params.maxCompletionTokens().orElse(0L));
    }

    private static void setParam(ChatCompletionCreateParams.Builder b, String name, JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            switch (name) {
                case "max_tokens": b.maxTokens(value.asLong()); return;
                case "max_completion_tokens": b.maxCompletionTokens(value.asLong()); return;
                case "seed": b.seed(value.asLong()); return;
                default: break;
            }
        }
        if (value.isNumber()) {
            switch (name) {
                case "temperature": b.temperature(value.asDouble()); return;
                case "top_p": b.topP(value.asDouble()); return;
                case "presence_penalty": b.presencePenalty(value.asDouble()); return;
                case "frequency_penalty": b.frequencyPenalty(value.asDouble()); return;
                default: break;
            }
        }
        if (value.isTextual() && name.equals("reasoning_effort")) {
            b.reasoningEffort(ReasoningEffort.of(value.asText()));
            return;
        }
        // a parameter the SDK does not model, or not in the type it models: send it as written
        b.putAdditionalBodyProperty(name, JsonValue.fromJsonNode(value));
    }

    /**
     * The last format converted: a batch sends the same instance with every request, and each of these forms of its
     * schema (a tree copied on every {@link ResponseFormat#schema()}) would otherwise be made again per request.
     */
    private static volatile Converted last;

    /** A format in the SDK's form, its token estimate and its canonical JSON (for the response cache's key). */
    record Converted(ResponseFormat format, ResponseFormatJsonSchema sdk, long tokens, String canonical) {}

    static Converted converted(ResponseFormat format) {
        Converted c = last;
        if (c == null || c.format() != format) {
            JsonNode schema = format.schema();
            ObjectNode canonical = Json.MAPPER.createObjectNode().put("name", format.name()).put("strict", format.strict());
            canonical.set("schema", schema);
            c = new Converted(format, convert(format), TokenEstimate.of(schema.toString()), ResponseCache.canonical(canonical));
            last = c;
        }
        return c;
    }

    private static ResponseFormatJsonSchema jsonSchema(ResponseFormat format) {
        return converted(format).sdk();
    }

    private static ResponseFormatJsonSchema convert(ResponseFormat format) {
        Map<String, JsonValue> schema = new LinkedHashMap<>();
        format.schema().fields().forEachRemaining(f -> schema.put(f.getKey(), JsonValue.fromJsonNode(f.getValue())));
        return ResponseFormatJsonSchema.builder()
                .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                        .name(format.name())
                        .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder().putAllAdditionalProperties(schema).build())
                        .strict(format.strict())
                        .build())
                .build();
    }
}
