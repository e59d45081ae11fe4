package vaa.run;

import java.util.List;
import java.util.function.Predicate;

/** The two interactive run screens of seed 000. The JLine version lives in {@code vaa.ui}; tests script it. */
public interface RunPrompter {
    enum ContinueChoice { CONTINUE, CHOOSE_OTHER, QUIT }

    /** What the user picked on the RUN SELECTION menu. */
    sealed interface Selection permits NewRun, CustomRun, ExistingRun, Legacy, Quit {}

    record NewRun() implements Selection {}

    record CustomRun(String id) implements Selection {}

    record ExistingRun(String id) implements Selection {}

    record Legacy() implements Selection {}

    record Quit() implements Selection {}

    /** "CONTINUE WITH RUN? (from .last_run)" — Enter continues, c chooses another, q quits. */
    ContinueChoice confirmContinue(RunSummary run, String pointerFile);

    /**
     * "RUN SELECTION" — {@code runs} newest first; a custom id is asked for and re-asked until
     * {@code validId} accepts it.
     */
    Selection select(List<RunSummary> runs, Predicate<String> validId);
}
