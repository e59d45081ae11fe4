package vaa.ask;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One question and what became of it, as saved to {@code reports/asks/<timestamp>.json}. Without a
 * model, {@code answer}, {@code model}, {@code prompt} and {@code usage} are null and
 * {@code model_skipped_reason} says why; the retrieval is recorded either way.
 */
public record AskRecord(
        @JsonProperty("schema_version") String schemaVersion,
        @JsonProperty("run_id") String runId,
        @JsonProperty("asked_at") String askedAt,
        @JsonProperty("question") String question,
        @JsonProperty("answer") String answer,
        @JsonProperty("answered_by") String answeredBy,
        @JsonProperty("model") Map<String, Object> model,
        @JsonProperty("prompt") Map<String, Object> prompt,
        @JsonProperty("model_skipped_reason") String modelSkippedReason,
        @JsonProperty("cited_ids") List<String> citedIds,
        @JsonProperty("citations_flagged") List<CitationCheck.Flag> citationsFlagged,
        @JsonProperty("retrieved_ids") List<String> retrievedIds,
        @JsonProperty("context_ids") List<String> contextIds,
        @JsonProperty("retrieval") Retrieval retrieval,
        @JsonProperty("timings_ms") Timings timingsMs,
        @JsonProperty("usage") Usage usage,
        @JsonProperty("cached") Boolean cached,
        @JsonProperty("files") Files files) {

    public static final String SCHEMA_VERSION = "1.0";
    public static final String BY_MODEL = "model";
    public static final String BY_NONE = "none (no model configured)";

    public AskRecord {
        citedIds = List.copyOf(citedIds);
        citationsFlagged = List.copyOf(citationsFlagged);
        retrievedIds = List.copyOf(retrievedIds);
        contextIds = List.copyOf(contextIds);
    }

    /** How the calls were found and what of them fitted. {@code scores} are BM25 scores by call id, best first. */
    public record Retrieval(
            @JsonProperty("top_k") int topK,
            @JsonProperty("budget_tokens") int budgetTokens,
            @JsonProperty("context_tokens_estimate") int contextTokensEstimate,
            @JsonProperty("query_terms") List<String> queryTerms,
            @JsonProperty("scores") Map<String, Float> scores,
            @JsonProperty("dropped_for_budget") List<String> droppedForBudget,
            @JsonProperty("metrics_source") String metricsSource,
            @JsonProperty("index") CallIndex.Status index) {}

    /** Wall-clock milliseconds per step; the model's are null when no model was asked. */
    public record Timings(
            @JsonProperty("index") long index,
            @JsonProperty("retrieval") long retrieval,
            @JsonProperty("context") long context,
            @JsonProperty("model_ttft") Long modelTtft,
            @JsonProperty("model") Long model,
            @JsonProperty("total") long total) {}

    /**
     * {@code cached_tokens}: prompt tokens the provider served from its prefix cache; {@code cost_usd}: what the answer
     * cost at the catalog's prices, 0 when replayed from vaa's cache, null when the model has no price.
     */
    public record Usage(
            @JsonProperty("prompt_tokens") long promptTokens,
            @JsonProperty("completion_tokens") long completionTokens,
            @JsonProperty("total_tokens") long totalTokens,
            @JsonProperty("cached_tokens") long cachedTokens,
            @JsonProperty("cost_usd") Double costUsd) {
        public Usage(long promptTokens, long completionTokens, long totalTokens) {
            this(promptTokens, completionTokens, totalTokens, 0, null);
        }
    }

    /** The record's own files, relative to the run directory. */
    public record Files(@JsonProperty("json") String json, @JsonProperty("md") String md) {}

    public AskRecord withFiles(Files f) {
        return new AskRecord(schemaVersion, runId, askedAt, question, answer, answeredBy, model, prompt, modelSkippedReason,
                citedIds, citationsFlagged, retrievedIds, contextIds, retrieval, timingsMs, usage, cached, f);
    }

    public boolean answered() {
        return answer != null;
    }
}
