package vaa.assist;

/**
 * What the setup settled on: one conversation ({@link ExperimentPlan}, seed 002's experiment) or a
 * suite of them ({@link SuitePlan}).
 */
public sealed interface AssistPlan permits ExperimentPlan, SuitePlan {
    /** The experiment's or the suite's name under {@code experiments/}. */
    String runName();

    boolean dryRun();
}
