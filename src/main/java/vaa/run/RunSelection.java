package vaa.run;

import java.nio.file.Path;

/** The run options a command was given: {@code --run-dir}, {@code --run-id}, {@code --legacy}. */
public record RunSelection(Path runDir, String runId, boolean legacy) {
    public static RunSelection none() {
        return new RunSelection(null, null, false);
    }

    public boolean named() {
        return runDir != null || runId != null || legacy;
    }
}
