package vaa.report;

import vaa.analysis.Structural;

/**
 * One row of the report's per-call appendix: what the analysis of a call concluded, or why there
 * is none. Text fields are as the model wrote them (untrusted: renderers escape them).
 */
public record ReportCall(String callId, Kind kind, String outcome, String intent, String summary, Double durationS,
                         String error) {
    /** What the analyses directory holds for the call. */
    public enum Kind {
        /** An analysis with the model's judgement. */
        JUDGED,
        /** Structural figures only: no model was configured. */
        STRUCTURAL,
        /** Only an {@code .error.json}: the analysis failed. */
        FAILED,
        /** An analysis file that does not parse. */
        UNREADABLE
    }
}
