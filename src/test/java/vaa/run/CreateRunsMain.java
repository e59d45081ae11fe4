package vaa.run;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** Child-JVM helper: creates N runs in the workspace with a frozen clock and prints their ids. */
public final class CreateRunsMain {
    public static void main(String[] args) {
        Path ws = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Clock frozen = Clock.fixed(Instant.parse("2026-01-21T14:30:00Z"), ZoneId.of("UTC"));
        RunStore store = new RunStore(ws, frozen, "test");
        for (int i = 0; i < n; i++) {
            System.out.println(store.createGenerated().id());
        }
    }
}
