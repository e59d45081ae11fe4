package vaa.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import vaa.run.RunSelection;

/** The run options every run-scoped command shares (mixed in, not inherited). */
public final class RunOptions {
    @Option(names = "--run-dir", paramLabel = "PATH", description = "Use this existing run directory.")
    Path runDir;

    @Option(names = "--run-id", paramLabel = "NAME", description = "Use runs/NAME/ (vaa run and vaa sample create it if missing).")
    String runId;

    @Option(names = "--legacy", description = "Flat sampled/ analyses/ reports/ in the workspace, no isolation.")
    boolean legacy;

    public RunSelection selection() {
        return new RunSelection(runDir, runId, legacy);
    }
}
