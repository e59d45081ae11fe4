package vaa.assist;

import java.util.Map;
import java.util.TreeMap;

/** Running counts of an experiment; one instance per run, used by the loop thread only. */
final class Tally {
    private int run;
    private int shown;
    private int skipped;
    private int failed;
    private int completed;
    private int compiled;
    private long ttftTotal;
    private long e2eTotal;
    private final Map<String, Integer> tags = new TreeMap<>();

    void add(StepRecord r) {
        run++;
        switch (r.status()) {
            case FAILED -> failed++;
            case DRY_RUN -> compiled++;
            case OK -> {
                completed++;
                ttftTotal += r.call().ttftMs();
                e2eTotal += r.call().e2eMs();
                if (r.response().shown()) {
                    shown++;
                    tags.merge(r.response().tag(), 1, Integer::sum);
                } else {
                    skipped++;
                }
            }
        }
    }

    ExperimentResult result(int total, Integer interruptedAt, boolean dryRun) {
        double avgTtft = completed == 0 ? 0 : (double) ttftTotal / completed;
        double avgE2e = completed == 0 ? 0 : (double) e2eTotal / completed;
        return new ExperimentResult(total, run, shown, skipped, failed, completed, compiled, avgTtft, avgE2e,
                tags, interruptedAt, dryRun);
    }
}
