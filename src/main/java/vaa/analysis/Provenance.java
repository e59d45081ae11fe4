package vaa.analysis;

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
        @JsonProperty("usage") Tokens usage,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("cached") Boolean cached,
        @JsonProperty("attempts") Integer attempts,
        @JsonProperty("truncated") Truncation truncated,
        @JsonProperty("cost_usd") Double costUsd,
        @JsonProperty("batch_id") String batchId) {

    public Provenance(String modelKey, String modelId, String provider, String promptName, Integer promptVersion,
                      String promptSource, Long ttftMs, Long e2eMs, Tokens usage, String requestId, Boolean cached,
                      Integer attempts) {
        this(modelKey, modelId, provider, promptName, promptVersion, promptSource, ttftMs, e2eMs, usage, requestId, cached,
                attempts, null, null, null);
    }

    /**
     * What {@code --truncate} left out of a transcript too large for the model: utterances {@code omittedFrom} to
     * {@code omittedTo} (none when only the text of a single long utterance was cut), the utterances whose text was cut,
     * and the estimate that was over the window.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Truncation(@JsonProperty("utterances") int utterances,
                             @JsonProperty("utterances_omitted") int omitted,
                             @JsonProperty("omitted_from") Integer omittedFrom,
                             @JsonProperty("omitted_to") Integer omittedTo,
                             @JsonProperty("utterances_cut") java.util.List<Integer> cut,
                             @JsonProperty("estimated_tokens") long estimatedTokens,
                             @JsonProperty("context_window") int contextWindow) {
        public Truncation {
            cut = java.util.List.copyOf(cut);
        }
    }

    /**
     * Token counts as stored in result files; {@code cached_tokens} are the prompt tokens the provider served from
     * its prefix cache (0 in files written before vaa recorded them).
     */
    public record Tokens(@JsonProperty("prompt_tokens") long prompt,
                         @JsonProperty("completion_tokens") long completion,
                         @JsonProperty("total_tokens") long total,
                         @JsonProperty("cached_tokens") long cached) {
        public static final Tokens NONE = new Tokens(0, 0, 0, 0);

        public Tokens(long prompt, long completion, long total) {
            this(prompt, completion, total, 0);
        }

        public Tokens plus(LlmResponse.Usage u) {
            return new Tokens(prompt + u.promptTokens(), completion + u.completionTokens(), total + u.totalTokens(),
                    cached + u.cachedPromptTokens());
        }

        public Tokens plus(Tokens t) {
            return new Tokens(prompt + t.prompt(), completion + t.completion(), total + t.total(), cached + t.cached());
        }
    }

    /**
     * Whether this call's answer came through the provider's Batch API, which bills it at the batch discount. The one
     * place cost reads it: the Batch API's results are recorded with the {@code batch_id} they came in.
     */
    boolean viaBatch() {
        return batchId != null;
    }

    Provenance withCall(LlmResponse r, Tokens total, int attempts, Double costUsd) {
        return new Provenance(modelKey, modelId, provider, promptName, promptVersion, promptSource,
                r.ttftMs(), r.e2eMs(), total, r.requestId(), r.cached(), attempts, truncated, costUsd, batchId);
    }

    Provenance truncated(Truncation t) {
        return new Provenance(modelKey, modelId, provider, promptName, promptVersion, promptSource, ttftMs, e2eMs, usage,
                requestId, cached, attempts, t, costUsd, batchId);
    }

    /** The same, for an answer that came in the provider's batch {@code id}. */
    Provenance inBatch(String id) {
        return new Provenance(modelKey, modelId, provider, promptName, promptVersion, promptSource, ttftMs, e2eMs, usage,
                requestId, cached, attempts, truncated, costUsd, id);
    }
}
