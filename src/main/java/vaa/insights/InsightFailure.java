package vaa.insights;

import vaa.VaaException;

/** An insights request that gave no usable answer; keeps the step and the model's last words for the error file. */
public final class InsightFailure extends VaaException {
    private final String step;
    private final String rawOutput;

    InsightFailure(String step, String reason, String rawOutput, Throwable cause) {
        super(FAILURE, "Insights (" + step + "): " + reason, cause);
        this.step = step;
        this.rawOutput = rawOutput == null ? "" : rawOutput;
    }

    public String step() {
        return step;
    }

    public String rawOutput() {
        return rawOutput;
    }
}
