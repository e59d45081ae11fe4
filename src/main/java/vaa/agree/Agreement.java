package vaa.agree;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;

/**
 * {@code vaa agree}: how often a run's judgements agree with labels, per judged field. Every judged field is
 * listed; one the labels do not cover is {@code measured: false} with no figures, never a figure of agreement.
 * A call labelled by two reviewers is two label–judgement pairs: {@code n} counts pairs. Built by
 * {@link AgreementCalculator}.
 */
public record Agreement(
        @JsonProperty("run_id") String runId,
        @JsonProperty("labels") Labels labels,
        @JsonProperty("method") Method method,
        @JsonProperty("fields") Map<String, Field> fields) {

    /** True when at least one field has label–judgement pairs. */
    public boolean measured() {
        return fields.values().stream().anyMatch(Field::measured);
    }

    /**
     * What was read: every source, how many labels, how many of them were compared, and the ones that could not
     * be: for calls the run does not hold (the first few ids listed), or for fields vaa does not judge.
     */
    public record Labels(
            @JsonProperty("sources") List<String> sources,
            @JsonProperty("total") int total,
            @JsonProperty("compared") int compared,
            @JsonProperty("calls_in_run") int callsInRun,
            @JsonProperty("calls_labelled") int callsLabelled,
            @JsonProperty("not_in_run") NotInRun notInRun,
            @JsonProperty("unknown_fields") Map<String, Integer> unknownFields) {}

    /** Labels for calls the run does not hold; {@code calls} lists the first ids. */
    public record NotInRun(@JsonProperty("labels") int labels, @JsonProperty("call_count") int callCount,
                           @JsonProperty("calls") List<String> calls) {}

    public record Method(@JsonProperty("kappa") String kappa, @JsonProperty("accuracy_interval") String accuracyInterval,
                         @JsonProperty("pairs") String pairs) {}

    /**
     * One judged field. {@code labelledNotJudged}: labels for calls of the run that have no judgement of this field
     * (failed or analysed without a model). {@code reviewers} and {@code interReviewer} only when several reviewers
     * labelled the field: the judge against each, and each pair of reviewers on the calls both labelled.
     */
    public record Field(
            @JsonProperty("measured") boolean measured,
            @JsonProperty("kind") String kind,
            @JsonProperty("categories") List<String> categories,
            @JsonUnwrapped Figures figures,
            @JsonProperty("labelled_not_judged") int labelledNotJudged,
            @JsonProperty("disagreements") List<Disagreement> disagreements,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("reviewers") Map<String, Figures> reviewers,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("inter_reviewer") List<ReviewerPair> interReviewer) {}

    /**
     * Agreement of two raters over {@code n} items: accuracy (the share agreeing) with its Wilson 95% interval,
     * Cohen's kappa with its interval (null when undefined), a note when a figure needs reading with care, and
     * the confusion matrix as rows (the label, or the first reviewer) → columns (the judge, or the second) → count.
     */
    public record Figures(
            @JsonProperty("n") int n,
            @JsonProperty("agreements") int agreements,
            @JsonProperty("accuracy") Double accuracy,
            @JsonProperty("accuracy_interval") List<Double> accuracyInterval,
            @JsonProperty("kappa") Double kappa,
            @JsonProperty("kappa_interval") List<Double> kappaInterval,
            @JsonProperty("note") String note,
            @JsonProperty("confusion") Map<String, Map<String, Long>> confusion) {}

    /** A call where judge and label differ: the judge's reason and a line of the transcript to check it against. */
    public record Disagreement(
            @JsonProperty("call_id") String callId,
            @JsonProperty("label") String label,
            @JsonProperty("judge") String judge,
            @JsonProperty("reviewer") String reviewer,
            @JsonProperty("reason") String reason,
            @JsonProperty("quote") String quote) {}

    public record ReviewerPair(@JsonProperty("a") String a, @JsonProperty("b") String b, @JsonUnwrapped Figures figures) {}
}
