package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.testing.Cli;

class RunsMigrateCommandTest {
    @TempDir
    Path ws;

    @BeforeEach
    void flatLayout() throws IOException {
        write("sampled/a.json", "{}");
        write("sampled/b.json", "{}");
        write("analyses/a.json", "{}");
        write("reports/metrics.json", "{}");
        write("manifest.csv", "call_id,source_path,sha256,bytes,format\n");
    }

    @Test
    void dryRunListsEveryMoveThenTheRealOneMovesThenNothingIsLeft() {
        Cli.Result dry = Cli.in(ws).run("runs", "migrate", "--dry-run");
        assertThat(dry.code()).as(dry.all()).isZero();
        assertThat(dry.out()).contains("Dry run: nothing is moved.",
                "move sampled/ → runs/legacy/sampled/ (2 files)",
                "move analyses/ → runs/legacy/analyses/ (1 file)",
                "move reports/ → runs/legacy/reports/ (1 file)",
                "move manifest.csv → runs/legacy/manifest.csv (1 file)",
                "point runs/latest at legacy");
        assertThat(ws.resolve("runs")).doesNotExist();
        assertThat(ws.resolve("sampled/a.json")).exists();

        Cli.Result real = Cli.in(ws).run("runs", "migrate");
        assertThat(real.code()).as(real.all()).isZero();
        assertThat(real.out()).contains("Moved sampled/ → runs/legacy/sampled/ (2 files)",
                "Run legacy: 2 sampled, 1 analyses; stages completed: sampling, analysis, metrics", "runs/latest → legacy");
        assertThat(ws.resolve("sampled")).doesNotExist();
        assertThat(ws.resolve("runs/legacy/sampled/a.json")).exists();

        Cli.Result again = Cli.in(ws).run("runs", "migrate");
        assertThat(again.code()).isZero();
        assertThat(again.out()).startsWith("Nothing to migrate");
        assertThat(Cli.in(ws).run("runs", "show", "legacy").out()).contains("Run legacy", "(latest)", "migrated_from");
        assertThat(Cli.in(ws).run("runs", "list").out()).containsPattern("\\* legacy\\s");
    }

    @Test
    void aClashIsReportedByTheDryRunAndStopsTheRealOneBeforeAnyMove() throws IOException {
        write("runs/legacy/manifest.csv", "older");
        Cli.Result dry = Cli.in(ws).run("runs", "migrate", "--dry-run");
        assertThat(dry.code()).isEqualTo(2);
        assertThat(dry.out()).contains("clash: runs/legacy/manifest.csv exists already");
        assertThat(dry.err()).contains("A real migrate would stop");

        Cli.Result real = Cli.in(ws).run("runs", "migrate");
        assertThat(real.code()).isEqualTo(2);
        assertThat(real.err()).contains("Nothing was moved", "runs/legacy/manifest.csv exists already");
        assertThat(ws.resolve("sampled/a.json")).exists();
        assertThat(ws.resolve("runs/legacy/sampled")).doesNotExist();

        Cli.Result elsewhere = Cli.in(ws).run("runs", "migrate", "--to", "old_flat");
        assertThat(elsewhere.code()).as(elsewhere.all()).isZero();
        assertThat(ws.resolve("runs/old_flat/sampled/a.json")).exists();
        assertThat(Files.exists(ws.resolve("runs/legacy/manifest.csv"))).isTrue();
    }

    private void write(String rel, String content) throws IOException {
        Path p = ws.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }
}
