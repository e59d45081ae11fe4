package vaa.run;

import java.util.Map;
import java.util.function.Supplier;
import vaa.VaaException;
import vaa.run.Run;
import vaa.run.Stage;
import vaa.run.StageStatus;

/**
 * Runs one stage's work with its status.json bookkeeping: running → completed with count and
 * detail, or failed with the reason (and the exception passed on); refused input leaves the stage as it was. Every stage but analysis
 * (which keeps finer counts) goes through here, whether started by {@code vaa run} or on its own.
 */
public final class StageRunner {
    /** What a finished stage reports: a count for status.json (may be null) and stage-specific detail. */
    public record Done(Integer count, Map<String, Object> detail) {}

    private StageRunner() {}

    public static Done run(Run run, Stage stage, Supplier<Done> work) {
        StageStatus before = run.status().stage(stage);
        run.updateStage(stage, s -> s.running(run.now()));
        try {
            Done done = work.get();
            run.updateStage(stage, s -> s.completed(run.now(), done.count(), done.detail()));
            return done;
        } catch (VaaException e) {
            if (e.exitCode() == VaaException.USAGE) {
                // bad input (no analyses yet, a budget too small): the stage could not start with what it was given,
                // so it stays as it was; "failed" is kept for failures while working, which exit 1
                run.updateStage(stage, s -> before);
                throw e;
            }
            String state = e.exitCode() == VaaException.INTERRUPTED ? StageStatus.INTERRUPTED : StageStatus.FAILED;
            run.updateStage(stage, s -> s.ended(state, run.now(), e.getMessage(), s.detail()));
            throw e;
        } catch (RuntimeException e) {
            run.updateStage(stage, s -> s.ended(StageStatus.FAILED, run.now(), String.valueOf(e), s.detail()));
            throw e;
        }
    }
}
