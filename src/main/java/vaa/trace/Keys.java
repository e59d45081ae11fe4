package vaa.trace;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The span attributes vaa sets: Langfuse's own ({@code langfuse.*}, which its OTel endpoint maps to
 * traces, observations, sessions and prompt links) and the OpenTelemetry GenAI conventions
 * ({@code gen_ai.*}) that other backends read. JSON-valued ones are JSON text.
 */
final class Keys {
    static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    static final AttributeKey<String> SERVICE_VERSION = AttributeKey.stringKey("service.version");

    static final AttributeKey<String> TRACE_NAME = AttributeKey.stringKey("langfuse.trace.name");
    static final AttributeKey<List<String>> TRACE_TAGS = AttributeKey.stringArrayKey("langfuse.trace.tags");
    static final String TRACE_METADATA = "langfuse.trace.metadata.";
    static final AttributeKey<String> SESSION_ID = AttributeKey.stringKey("session.id");
    static final AttributeKey<String> LANGFUSE_SESSION_ID = AttributeKey.stringKey("langfuse.session.id");

    static final AttributeKey<String> TYPE = AttributeKey.stringKey("langfuse.observation.type");
    static final String OBSERVATION_METADATA = "langfuse.observation.metadata.";
    static final AttributeKey<String> LEVEL = AttributeKey.stringKey("langfuse.observation.level");
    static final AttributeKey<String> STATUS_MESSAGE = AttributeKey.stringKey("langfuse.observation.status_message");
    static final AttributeKey<String> INPUT = AttributeKey.stringKey("langfuse.observation.input");
    static final AttributeKey<String> OUTPUT = AttributeKey.stringKey("langfuse.observation.output");
    static final AttributeKey<String> MODEL = AttributeKey.stringKey("langfuse.observation.model.name");
    static final AttributeKey<String> MODEL_PARAMETERS = AttributeKey.stringKey("langfuse.observation.model.parameters");
    static final AttributeKey<String> USAGE_DETAILS = AttributeKey.stringKey("langfuse.observation.usage_details");
    static final AttributeKey<String> COST_DETAILS = AttributeKey.stringKey("langfuse.observation.cost_details");
    static final AttributeKey<String> COMPLETION_START_TIME = AttributeKey.stringKey("langfuse.observation.completion_start_time");
    static final AttributeKey<String> PROMPT_NAME = AttributeKey.stringKey("langfuse.observation.prompt.name");
    static final AttributeKey<Long> PROMPT_VERSION = AttributeKey.longKey("langfuse.observation.prompt.version");

    static final AttributeKey<String> GEN_AI_OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> GEN_AI_PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> GEN_AI_REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> GEN_AI_RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<String> GEN_AI_RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
    static final AttributeKey<Long> GEN_AI_INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> GEN_AI_OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    /** Not (yet) in the OpenTelemetry GenAI conventions, but the name other backends read a call's cost in USD from. */
    static final AttributeKey<Double> GEN_AI_COST = AttributeKey.doubleKey("gen_ai.usage.cost");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");

    /** Judgements as plain attributes of the trace's root span, for backends that have no scores. */
    static final String SCORE = "vaa.score.";

    private Keys() {}
}
