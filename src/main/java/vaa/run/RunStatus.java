package vaa.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/** status.json: per-stage status, the overall status and when it last changed (seed 000's shape). */
public record RunStatus(
        @JsonProperty("run_id") String runId,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("overall_status") String overallStatus,
        @JsonProperty("stages") Map<String, StageStatus> stages) {

    public static RunStatus initial(String runId, String now) {
        Map<String, StageStatus> stages = new LinkedHashMap<>();
        for (Stage s : Stage.values()) {
            stages.put(s.key(), StageStatus.pending());
        }
        return new RunStatus(runId, now, StageStatus.PENDING, stages);
    }

    public StageStatus stage(Stage stage) {
        StageStatus s = stages == null ? null : stages.get(stage.key());
        return s == null ? StageStatus.pending() : s;
    }

    public RunStatus with(Stage stage, StageStatus value, String now) {
        Map<String, StageStatus> copy = new LinkedHashMap<>();
        for (Stage s : Stage.values()) {
            copy.put(s.key(), s == stage ? value : stage(s));
        }
        RunStatus next = new RunStatus(runId, now, overallStatus, copy);
        return next.withOverall(next.derivedOverall(), now);
    }

    /**
     * This status after {@code stage} produced new results: every later stage that had completed is pending again,
     * so that {@code vaa run --resume} (or the stage commands) compute it again from them.
     */
    public RunStatus outdatingAfter(Stage stage, String now) {
        Map<String, StageStatus> copy = new LinkedHashMap<>();
        for (Stage s : Stage.values()) {
            copy.put(s.key(), s.compareTo(stage) > 0 && stage(s).isCompleted() ? StageStatus.outdated(stage, now) : stage(s));
        }
        RunStatus next = new RunStatus(runId, now, overallStatus, copy);
        return next.withOverall(next.derivedOverall(), now);
    }

    /** Sampled calls whose analysis failed and was not redone since (0 for runs made before this was counted). */
    @JsonIgnore
    public int callsStillFailed() {
        Map<String, Object> detail = stage(Stage.ANALYSIS).detail();
        return detail != null && detail.get(StageStatus.STILL_FAILED) instanceof Number n ? n.intValue() : 0;
    }

    public RunStatus withOverall(String overall, String now) {
        return new RunStatus(runId, now, overall, stages);
    }

    @JsonIgnore
    public boolean mentionsRunning() {
        return StageStatus.RUNNING.equals(overallStatus)
                || stages != null && stages.values().stream().anyMatch(s -> s != null && StageStatus.RUNNING.equals(s.status()));
    }

    /** This status with every running mark turned into interrupted: what a killed process could not write. */
    public RunStatus runningAsInterrupted() {
        Map<String, StageStatus> copy = new LinkedHashMap<>();
        for (Stage s : Stage.values()) {
            StageStatus st = stage(s);
            copy.put(s.key(), StageStatus.RUNNING.equals(st.status())
                    ? st.ended(StageStatus.INTERRUPTED, st.finishedAt(), st.error(), st.detail()) : st);
        }
        String overall = StageStatus.RUNNING.equals(overallStatus) ? StageStatus.INTERRUPTED : overallStatus;
        return new RunStatus(runId, updatedAt, overall, copy);
    }

    /** Every stage completed: the run is done, whichever command finished it, and is then sealed. */
    @JsonIgnore
    public boolean allStagesCompleted() {
        for (Stage s : Stage.values()) {
            if (!stage(s).isCompleted()) {
                return false;
            }
        }
        return true;
    }

    @JsonIgnore
    public boolean isSealed() {
        return StageStatus.COMPLETED.equals(overallStatus);
    }

    /**
     * Overall status follows the stages: running/failed/interrupted win, all done = completed (and so sealed),
     * whether {@code vaa run} or the stage commands one by one finished the last stage — unless calls are left failed:
     * then it is partial, open to {@code --retry-failed}, until none is (or {@code vaa runs seal} seals it as it is);
     * work not finished yet stays "in_progress". A sealed run stays sealed.
     */
    private String derivedOverall() {
        boolean anyStarted = false;
        for (Stage s : Stage.values()) {
            String st = stage(s).status();
            if (StageStatus.RUNNING.equals(st)) {
                return StageStatus.RUNNING;
            }
            if (StageStatus.FAILED.equals(st)) {
                return StageStatus.FAILED;
            }
            if (StageStatus.INTERRUPTED.equals(st)) {
                return StageStatus.INTERRUPTED;
            }
            if (!StageStatus.PENDING.equals(st)) {
                anyStarted = true;
            }
        }
        if (StageStatus.COMPLETED.equals(overallStatus)) {
            return StageStatus.COMPLETED;
        }
        if (allStagesCompleted()) {
            return callsStillFailed() > 0 ? StageStatus.PARTIAL : StageStatus.COMPLETED;
        }
        return anyStarted ? "in_progress" : StageStatus.PENDING;
    }
}
