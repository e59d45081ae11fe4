package vaa.assist;

/**
 * Where the assist setup and loop report what a person should see. The console version lives with
 * the rest of the terminal rendering, in the ui package; tests record the calls. Called from the
 * loop's thread only.
 */
public interface AssistListener {
    /** A section title: "Assist Experiment Runner", "Running Experiment", ... */
    void header(String title);

    void info(String message);

    void ok(String message);

    void warn(String message);

    void error(String message);

    /** The "Experiment Summary" shown before the Proceed? question. */
    void summary(ExperimentPlan plan);

    void stepStarted(StepContext step);

    void stepFinished(StepRecord record);

    /** The "Experiment Complete" block; {@code log} and {@code records} as they should be shown. */
    void finished(ExperimentResult result, String log, String records);
}
