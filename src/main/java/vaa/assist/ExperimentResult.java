package vaa.assist;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The totals of an experiment.
 *
 * @param total         steps in the state file
 * @param run           steps attempted (all of them unless interrupted)
 * @param completed     steps with a usable model answer (averages are over these)
 * @param compiled      dry-run steps whose prompt was compiled
 * @param tags          shown tags and their counts, sorted by tag
 * @param interruptedAt the 1-based step that was running or next when Ctrl+C came, if it came
 */
public record ExperimentResult(int total, int run, int shown, int skipped, int failed, int completed, int compiled,
                               double avgTtftMs, double avgE2eMs, Map<String, Integer> tags, Integer interruptedAt,
                               boolean dryRun) {
    public ExperimentResult {
        tags = Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    public Optional<Integer> interrupted() {
        return Optional.ofNullable(interruptedAt);
    }

    /** The step count percentages are taken over: all steps, or those run before an interruption. */
    public int denominator() {
        return interruptedAt == null ? total : run;
    }

    /** Python's {@code int(100 * part / whole)}. */
    public int percent(int part) {
        return denominator() == 0 ? 0 : (int) (100L * part / denominator());
    }

    /** "objection_price=2, other=1", or empty. */
    public String tagText() {
        StringBuilder out = new StringBuilder();
        tags.forEach((tag, n) -> out.append(out.length() == 0 ? "" : ", ").append(tag).append('=').append(n));
        return out.toString();
    }
}
