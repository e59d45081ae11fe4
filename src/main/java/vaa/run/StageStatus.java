package vaa.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stage's entry in status.json: {@code {"status": "completed", "count": 50, ...}}.
 * {@code detail} holds stage-specific figures (failures, token totals, skipped files...).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StageStatus(
        @JsonProperty("status") String status,
        @JsonProperty("count") Integer count,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("finished_at") String finishedAt,
        @JsonProperty("error") String error,
        @JsonProperty("detail") Map<String, Object> detail) {

    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";
    public static final String INTERRUPTED = "interrupted";
    /** Overall only: every stage ran, but some calls are left failed; not sealed, so they can be retried. */
    public static final String PARTIAL = "partial";
    /** In the analysis stage's detail: how many sampled calls have a failure and no analysis, across invocations. */
    public static final String STILL_FAILED = "still_failed";
    /** In a model stage's detail: what its calls cost in USD, null when some call had no price (see vaa.llm.Prices). */
    public static final String COST_USD = "cost_usd";
    /** In a model stage's detail: how many of its calls used tokens but had no price, which makes its cost unknown. */
    public static final String UNPRICED_CALLS = "cost_unpriced_calls";

    public static StageStatus pending() {
        return new StageStatus(PENDING, null, null, null, null, null);
    }

    public StageStatus running(String now) {
        return new StageStatus(RUNNING, count, now, null, null, detail);
    }

    public StageStatus completed(String now, Integer newCount, Map<String, Object> newDetail) {
        return new StageStatus(COMPLETED, newCount, startedAt, now, null, newDetail);
    }

    public StageStatus ended(String newStatus, String now, String why, Map<String, Object> newDetail) {
        return new StageStatus(newStatus, count, startedAt, now, why, newDetail);
    }

    /** Pending again: computed from what an earlier stage has since changed, so its results are out of date. */
    public static StageStatus outdated(Stage by, String now) {
        Map<String, Object> why = new LinkedHashMap<>();
        why.put("outdated_by", by.key());
        why.put("outdated_at", now);
        return new StageStatus(PENDING, null, null, null, null, why);
    }

    public StageStatus withDetail(Integer newCount, Map<String, Object> newDetail) {
        return new StageStatus(status, newCount, startedAt, finishedAt, error, newDetail == null ? null : new LinkedHashMap<>(newDetail));
    }

    @JsonIgnore
    public boolean isCompleted() {
        return COMPLETED.equals(status);
    }
}
