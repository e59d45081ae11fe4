package vaa.assist;

import java.util.List;

/**
 * A suite run that is over, finished or interrupted.
 *
 * @param replayed        conversations this run replayed (wholly or in part)
 * @param alreadyFinished conversations an earlier run had finished, not replayed
 * @param notStarted      conversations left for a later run (after Ctrl+C)
 * @param errors          conversations that could not be replayed, with why
 * @param dir             the suite's folder and summary as they should be shown
 */
public record SuiteResult(SuitePlan plan, SuiteSummary summary, boolean interrupted, int replayed, int alreadyFinished,
                          int notStarted, List<String> errors, String dir, String summaryMarkdown) {
    public SuiteResult {
        errors = List.copyOf(errors);
    }
}
