package vaa.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.VaaException;

class SealingTest {
    @TempDir
    Path ws;

    @Test
    void aCompletedRunRefusesToRewriteFilesButAcceptsNewOnes() throws Exception {
        Run run = new RunStore(ws, Clock.systemDefaultZone(), "t").tryCreate("done").orElseThrow();
        run.writeString(run.reportsDir().resolve("report.md"), "# report\n");
        run.seal();
        assertThat(run.isSealed()).isTrue();

        assertThatThrownBy(() -> run.writeString(run.reportsDir().resolve("report.md"), "changed"))
                .isInstanceOf(VaaException.class)
                .hasMessageContaining("Run done is completed and sealed")
                .hasMessageContaining("Start a new run");
        assertThatThrownBy(() -> run.updateStage(Stage.METRICS, s -> StageStatus.pending()))
                .hasMessageContaining("sealed");
        assertThat(Files.readString(run.reportsDir().resolve("report.md"))).isEqualTo("# report\n");

        run.writeString(run.reportsDir().resolve("asks/20260121_150000.md"), "an answer");
        assertThat(run.reportsDir().resolve("asks/20260121_150000.md")).exists();
    }

    @Test
    void stageUpdatesDriveTheOverallStatus() {
        Run run = new RunStore(ws, Clock.systemDefaultZone(), "t").tryCreate("r").orElseThrow();
        run.updateStage(Stage.SAMPLING, s -> s.running(run.now()));
        assertThat(run.status().overallStatus()).isEqualTo("running");
        run.updateStage(Stage.SAMPLING, s -> s.completed(run.now(), 50, null));
        assertThat(run.status().overallStatus()).isEqualTo("in_progress");
        assertThat(run.status().stage(Stage.SAMPLING).count()).isEqualTo(50);
        assertThat(run.isSealed()).isFalse();
    }
}
