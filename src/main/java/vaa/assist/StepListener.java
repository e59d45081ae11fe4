package vaa.assist;

/**
 * What the experiment loop reports while it runs. For one conversation that is the console
 * ({@link AssistListener}); in a suite each conversation reports to the suite's console, from the
 * suite's worker threads.
 */
public interface StepListener {
    void warn(String message);

    void stepStarted(StepContext step);

    void stepFinished(StepRecord record);
}
