package vaa.ask;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code vaa ask} knows about one call: the judgement's natural-language fields, a few
 * structural figures, flat metadata and the numbered transcript lines. Stored in the index as JSON,
 * so answering a question never re-reads the analysis files.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CallCard(
        @JsonProperty("call_id") String callId,
        @JsonProperty("judged") boolean judged,
        @JsonProperty("outcome") String outcome,
        @JsonProperty("intent") String intent,
        @JsonProperty("task_completed") Boolean taskCompleted,
        @JsonProperty("escalation_requested") Boolean escalationRequested,
        @JsonProperty("sentiment_start") String sentimentStart,
        @JsonProperty("sentiment_end") String sentimentEnd,
        @JsonProperty("summary") String summary,
        @JsonProperty("failure_reason") String failureReason,
        @JsonProperty("improvement_suggestion") String improvementSuggestion,
        @JsonProperty("friction") List<Friction> friction,
        @JsonProperty("agent_errors") List<AgentError> agentErrors,
        @JsonProperty("structure") Map<String, Object> structure,
        @JsonProperty("metadata") Map<String, String> metadata,
        @JsonProperty("lines") List<Line> lines) {

    public CallCard {
        friction = friction == null ? List.of() : List.copyOf(friction);
        agentErrors = agentErrors == null ? List.of() : List.copyOf(agentErrors);
        structure = structure == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(structure));
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** A friction point as the judge wrote it; {@code verified} when the quote was found in the transcript. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Friction(
            @JsonProperty("category") String category,
            @JsonProperty("description") String description,
            @JsonProperty("quote") String quote,
            @JsonProperty("utterance_index") Integer utteranceIndex,
            @JsonProperty("verified") boolean verified) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AgentError(
            @JsonProperty("category") String category,
            @JsonProperty("description") String description) {}

    /** One utterance: its index in the transcript (the index friction points refer to), the role and the words. */
    public record Line(
            @JsonProperty("i") int index,
            @JsonProperty("role") String role,
            @JsonProperty("text") String text) {}
}
