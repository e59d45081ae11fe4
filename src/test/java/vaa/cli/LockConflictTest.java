package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.run.HoldLockMain;
import vaa.testing.ChildJvm;
import vaa.testing.Cli;
import vaa.testing.RunFixtures;

/** A run another process is writing is a conflict of usage, like a sealed run: exit 2, not a failure while working. */
class LockConflictTest {
    @TempDir
    Path ws;

    @Test
    void aCommandOnARunInUseExitsTwoNamingTheHolder() throws Exception {
        RunFixtures.withMetrics(ws, "busy", "m", RunFixtures.fortyCalls(30, 25, 10, 1.0));
        try (ChildJvm holder = ChildJvm.start(ws, HoldLockMain.class, ws.resolve("runs/busy").toString())) {
            assertThat(holder.readLine()).isEqualTo("locked");
            for (String command : new String[] {"metrics", "report", "run --resume", "runs seal busy"}) {
                Cli.Result r = Cli.in(ws).run((command + " --run-id busy").replace("busy --run-id busy", "busy").split(" "));
                assertThat(r.code()).as(command + ": " + r.all()).isEqualTo(2);
                assertThat(r.err()).as(command).contains("Run busy is in use by another vaa process (pid " + holder.pid() + ")");
            }
        }
    }
}
