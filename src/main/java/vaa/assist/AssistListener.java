package vaa.assist;

/**
 * Where the assist setup and loop report what a person should see. The console version lives with
 * the rest of the terminal rendering, in the ui package; tests record the calls. Called from the
 * loop's thread only, except for a suite's {@link #warn}, {@link #error} and
 * {@link #conversationFinished}, which come from the suite's worker threads.
 */
public interface AssistListener extends StepListener {
    /** A section title: "Assist Experiment Runner", "Running Experiment", ... */
    void header(String title);

    void info(String message);

    void ok(String message);

    void error(String message);

    /** The "Experiment Summary" shown before the Proceed? question. */
    void summary(ExperimentPlan plan);

    /** The "Experiment Complete" block; {@code log} and {@code records} as they should be shown. */
    void finished(ExperimentResult result, String log, String records);

    /** The "Suite Summary" shown before the Proceed? question (or before a resumed suite goes on). */
    void summary(SuitePlan plan);

    /** One conversation of a suite ended: finished, interrupted, or failed to run. */
    void conversationFinished(SuiteProgress progress);

    /** The closing block of a suite. */
    void suiteFinished(SuiteResult result);
}
