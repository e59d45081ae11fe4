package vaa.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import vaa.stats.ProportionTest;

/**
 * {@code vaa runs compare A B}: the headline figures of two runs side by side, deltas as B − A,
 * a significance mark for rates ({@link ProportionTest}), the judge's agreement with labels where
 * there are labels, the headline rates on which B is significantly worse than A ({@code regressions},
 * what {@code --fail-on-regression} fails on), and the calls whose outcome changed when the runs
 * judged the same calls, and what each run's model calls cost (USD in total and per analysed call; null where a
 * price is unknown). Built by {@link RunComparer}.
 */
public record RunComparison(
        @JsonProperty("a") Side a,
        @JsonProperty("b") Side b,
        @JsonProperty("counts") List<CountRow> counts,
        @JsonProperty("rates") List<RateRow> rates,
        @JsonProperty("outcomes") List<RateRow> outcomes,
        @JsonProperty("structural") List<ValueRow> structural,
        @JsonProperty("agreement") List<AgreementRow> agreement,
        @JsonProperty("regressions") List<Regression> regressions,
        @JsonProperty("calls") CallChanges calls,
        @JsonProperty("test") String test,
        @JsonProperty("warnings") List<String> warnings,
        @JsonProperty("cost") List<ValueRow> cost) {

    /** One run: what identifies it and what produced its figures. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Side(
            @JsonProperty("run_id") String runId,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("parent_run") String parentRun,
            @JsonProperty("model") String model,
            @JsonProperty("prompt") String prompt,
            @JsonProperty("metrics_generated_at") String metricsGeneratedAt) {}

    /** A count (calls analysed, failed...). */
    public record CountRow(
            @JsonProperty("metric") String metric,
            @JsonProperty("a") Long a,
            @JsonProperty("b") Long b,
            @JsonProperty("delta") Long delta) {}

    /** k of n; share is null when n is 0. */
    public record Proportion(
            @JsonProperty("count") long count,
            @JsonProperty("n") long n,
            @JsonProperty("share") Double share) {}

    /** A rate of both runs, its difference and the test of that difference (null when a side has no data). */
    public record RateRow(
            @JsonProperty("metric") String metric,
            @JsonProperty("a") Proportion a,
            @JsonProperty("b") Proportion b,
            @JsonProperty("delta") Double delta,
            @JsonProperty("test") ProportionTest test) {

        public boolean significant() {
            return test != null && test.significant();
        }
    }

    /** A measured value (seconds, ratios); no test, only the difference. */
    public record ValueRow(
            @JsonProperty("metric") String metric,
            @JsonProperty("a") Double a,
            @JsonProperty("b") Double b,
            @JsonProperty("delta") Double delta) {}

    /**
     * Call by call, by call id: how many calls both runs hold, how many were judged in both, and
     * those whose outcome differs, with the transitions counted ("resolved → unresolved": 3).
     */
    public record CallChanges(
            @JsonProperty("shared") int shared,
            @JsonProperty("only_a") int onlyA,
            @JsonProperty("only_b") int onlyB,
            @JsonProperty("judged_in_both") int judgedInBoth,
            @JsonProperty("changed_count") int changedCount,
            @JsonProperty("transitions") Map<String, Integer> transitions,
            @JsonProperty("changed") List<Change> changed) {}

    /** One call whose outcome differs between the runs. */
    public record Change(
            @JsonProperty("call_id") String callId,
            @JsonProperty("a") String a,
            @JsonProperty("b") String b) {}

    /**
     * A judged field's agreement with labels in both runs (the same labels: a file, or the transcripts' metadata);
     * a side is null where its run has no label for the field. The test compares the accuracies.
     */
    public record AgreementRow(
            @JsonProperty("field") String field,
            @JsonProperty("a") AgreementSide a,
            @JsonProperty("b") AgreementSide b,
            @JsonProperty("delta") Double delta,
            @JsonProperty("test") ProportionTest test) {

        public boolean significant() {
            return test != null && test.significant();
        }
    }

    /** One run's agreement on a field: label–judgement pairs, how many agree, accuracy, Cohen's kappa and its 95% interval. */
    public record AgreementSide(
            @JsonProperty("n") int n,
            @JsonProperty("agreements") int agreements,
            @JsonProperty("accuracy") Double accuracy,
            @JsonProperty("kappa") Double kappa,
            @JsonProperty("kappa_interval") List<Double> kappaInterval) {}

    /**
     * A headline rate on which B is significantly worse than A at 95%: {@code metric} as in {@code rates}, or
     * {@code agreement:<field>}; {@code worseWhen} says which way is worse ("higher" for escalation, friction and
     * agent errors, "lower" for resolution, task completion and agreement).
     */
    public record Regression(
            @JsonProperty("metric") String metric,
            @JsonProperty("worse_when") String worseWhen,
            @JsonProperty("a") Double a,
            @JsonProperty("b") Double b,
            @JsonProperty("delta") Double delta,
            @JsonProperty("p_value") double pValue) {}
}
