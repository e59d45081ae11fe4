package vaa.insights;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One theme of insights.json. {@code kind} is set only for themes computed without a model
 * (outcome, friction, agent_error, latency); a model's themes have none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InsightTheme(
        @JsonProperty("title") String title,
        @JsonProperty("explanation") String explanation,
        @JsonProperty("call_count") int callCount,
        @JsonProperty("supporting_call_ids") List<String> supportingCallIds,
        @JsonProperty("recommendations") List<String> recommendations,
        @JsonProperty("kind") String kind) {

    public InsightTheme {
        supportingCallIds = supportingCallIds == null ? List.of() : List.copyOf(supportingCallIds);
        recommendations = recommendations == null ? List.of() : List.copyOf(recommendations);
    }

    InsightTheme withSupportingCallIds(List<String> ids) {
        return new InsightTheme(title, explanation, callCount, ids, recommendations, kind);
    }
}
