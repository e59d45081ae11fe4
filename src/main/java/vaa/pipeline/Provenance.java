package vaa.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import vaa.llm.LlmResponse;

/** Where a model-made part of a result came from, and what it cost. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(
        @JsonProperty("model") String modelKey,
        @JsonProperty("model_id") String modelId,
        @JsonProperty("provider") String provider,
        @JsonProperty("prompt_name") String promptName,
        @JsonProperty("prompt_version") Integer promptVersion,
        @JsonProperty("prompt_source") String promptSource,
        @JsonProperty("ttft_ms") Long ttftMs,
        @JsonProperty("e2e_ms") Long e2eMs,
        @JsonProperty("usage") LlmResponse.Usage usage,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("cached") Boolean cached,
        @JsonProperty("attempts") Integer attempts) {

    Provenance withCall(LlmResponse r, LlmResponse.Usage total, int attempts) {
        return new Provenance(modelKey, modelId, provider, promptName, promptVersion, promptSource,
                r.ttftMs(), r.e2eMs(), total, r.requestId(), r.cached(), attempts);
    }

    static LlmResponse.Usage add(LlmResponse.Usage a, LlmResponse.Usage b) {
        return new LlmResponse.Usage(a.promptTokens() + b.promptTokens(), a.completionTokens() + b.completionTokens(),
                a.totalTokens() + b.totalTokens());
    }
}
