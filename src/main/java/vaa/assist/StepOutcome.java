package vaa.assist;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One step as its JSONL record tells it: what summaries, comparisons and the list of experiments
 * read. {@code ttftMs}/{@code e2eMs} are null unless the model answered.
 */
public record StepOutcome(int step, int steps, int utterance, String phase, String status, String decision, String tag,
                          String body, String error, Long ttftMs, Long e2eMs, String conversation, String promptName,
                          Integer promptVersion, String modelKey, String modelLabel) {
    public static final String OK = "ok";

    static StepOutcome of(JsonNode r) {
        return new StepOutcome(r.path("step").asInt(), r.path("steps").asInt(), r.path("utterance_index").asInt(),
                text(r, "phase"), text(r, "status"), text(r, "decision"), text(r, "tag"), text(r, "body"), text(r, "error"),
                number(r.path("ttft_ms")), number(r.path("e2e_ms")), text(r, "conversation"), text(r.path("prompt"), "name"),
                r.path("prompt").path("version").canConvertToInt() ? r.path("prompt").path("version").intValue() : null,
                text(r.path("model"), "key"), text(r.path("model"), "label"));
    }

    /** The model answered and the answer was parsed. */
    public boolean answered() {
        return OK.equals(status);
    }

    public boolean shown() {
        return answered() && AssistResponse.Decision.SHOW.wireName().equals(decision);
    }

    /** "show|objection_price", "skip", or the status when there was no answer ("failed", "dry_run"). */
    public String decisionLine() {
        if (!answered()) {
            return status;
        }
        return shown() ? "show|" + tag : decision;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNull() || v.isMissingNode() ? null : v.asText();
    }

    private static Long number(JsonNode v) {
        return v.isNumber() ? v.longValue() : null;
    }
}
