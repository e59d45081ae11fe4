package vaa.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import vaa.llm.Tracer;

/**
 * A valid judgement's headline fields as scores of its call's trace, under the judgement's own
 * field names, so a tracing backend can chart them per prompt version: outcome and sentiment as
 * categories, task completion and escalation as yes/no.
 */
final class JudgementScores {
    static final List<String> CATEGORICAL = List.of("outcome", "sentiment_start", "sentiment_end");
    static final List<String> BOOLEAN = List.of("task_completed", "escalation_requested");

    private JudgementScores() {}

    static void record(JsonNode judgement, Tracer.Span trace) {
        for (String field : CATEGORICAL) {
            JsonNode value = judgement.path(field);
            if (value.isTextual()) {
                trace.score(field, value.asText());
            }
        }
        for (String field : BOOLEAN) {
            JsonNode value = judgement.path(field);
            if (value.isBoolean()) {
                trace.score(field, value.asBoolean());
            }
        }
    }
}
