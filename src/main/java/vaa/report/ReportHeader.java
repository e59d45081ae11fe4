package vaa.report;

import java.util.List;

/** The run header: which run, from what, with which models and prompts, as label/value lines. */
public record ReportHeader(String runId, List<Field> fields) {
    /** One header line; values are plain text. */
    public record Field(String label, String value) {}
}
