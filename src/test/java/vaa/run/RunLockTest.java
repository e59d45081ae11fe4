package vaa.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.VaaException;
import vaa.testing.ChildJvm;

class RunLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondProcessIsRefusedAtOnceNamingTheHolderAndGetsTheLockWhenTheHolderDies() throws Exception {
        try (ChildJvm holder = ChildJvm.start(dir, HoldLockMain.class, dir.toString())) {
            assertThat(holder.readLine()).isEqualTo("locked");
            long started = System.nanoTime();
            assertThatThrownBy(() -> RunLock.acquire(dir, "exp_a"))
                    .isInstanceOf(VaaException.class)
                    .hasMessageContaining("Run exp_a is in use by another vaa process (pid " + holder.pid() + ")");
            assertThat((System.nanoTime() - started) / 1_000_000).as("refusal is immediate").isLessThan(2_000);
            holder.kill(); // SIGKILL: the OS must release the lock without any cleanup code
        }
        try (RunLock lock = RunLock.acquire(dir, "exp_a")) {
            assertThat(lock).isNotNull();
        }
    }

    @Test
    void theSameProcessCannotTakeTheLockTwice() {
        try (RunLock first = RunLock.acquire(dir, "r")) {
            assertThatThrownBy(() -> RunLock.acquire(dir, "r")).hasMessageContaining("is in use");
        }
        try (RunLock again = RunLock.acquire(dir, "r")) {
            assertThat(again).isNotNull();
        }
    }
}
