package vaa.assist;

/** What is known about a step before the model is asked: where it is and what the model will see. */
public record StepContext(int step, int total, int previousUtterance, int utterance, String phase,
                          String transcript, String stateSummary) {}
