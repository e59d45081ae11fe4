package vaa.run;

import java.util.Optional;

/** What {@code vaa runs show} tells about a run: the run itself, its summary, and where it stands among the workspace's runs. */
public record RunOverview(Run run, RunSummary summary, int runsTotal, Optional<String> latest) {
    public static RunOverview of(RunStore store, Run run) {
        RunSummary summary = store.summarize(run);
        return new RunOverview(run, summary, store.list().size(), store.latestId());
    }
}
