package vaa.insights;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How the insights were produced, as recorded in insights.json: in one request, by map-reduce
 * over batches (with every batch listed), or computed without a model.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InsightMethod(
        @JsonProperty("mode") String mode,
        @JsonProperty("token_estimate") String tokenEstimate,
        @JsonProperty("budget_tokens") Integer budgetTokens,
        @JsonProperty("budget_basis") String budgetBasis,
        @JsonProperty("single_pass_estimated_tokens") Integer singlePassTokens,
        @JsonProperty("calls_in_notes") Integer callsInNotes,
        @JsonProperty("chunks") Integer chunks,
        @JsonProperty("levels") Integer levels,
        @JsonProperty("batches") List<Batch> batches,
        @JsonProperty("merge_estimated_tokens") Integer mergeTokens,
        @JsonProperty("requests") Integer requests,
        @JsonProperty("cached_requests") Integer cachedRequests) {

    public static final String SINGLE_PASS = "single_pass";
    public static final String MAP_REDUCE = "map_reduce";
    public static final String COMPUTED = "computed_without_model";
    public static final String ESTIMATE = "characters / 4 + 4 per message";

    /** One summarising request of a map-reduce: level 1 reads call notes, higher levels read themes. */
    public record Batch(
            @JsonProperty("level") int level,
            @JsonProperty("index") int index,
            @JsonProperty("notes") int notes,
            @JsonProperty("calls") int calls,
            @JsonProperty("estimated_tokens") int estimatedTokens,
            @JsonProperty("themes") int themes) {}

    public static InsightMethod computed() {
        return new InsightMethod(COMPUTED, null, null, null, null, null, null, null, null, null, 0, 0);
    }
}
