package vaa.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.VaaException;

class MigrationTest {
    static final Instant OLDEST = Instant.parse("2025-06-01T08:00:00Z");

    @TempDir
    Path ws;
    RunStore store;
    Migration migration;

    /** The old flat layout: 3 sampled calls, 2 analyses and 1 failure, metrics, a manifest and a response cache. */
    @BeforeEach
    void flatLayout() throws Exception {
        store = new RunStore(ws, Clock.systemDefaultZone(), "t");
        migration = new Migration(store);
        for (String id : new String[] {"a", "b", "c"}) {
            write("sampled/" + id + ".json", "{}");
        }
        write("analyses/a.json", "{}");
        write("analyses/b.json", "{}");
        write("analyses/c.error.json", "{}");
        write("reports/metrics.json", "{}");
        write("manifest.csv", "call_id,source_path,sha256,bytes,format\n");
        write("cache/llm/0f.json", "{}");
        Files.setLastModifiedTime(ws.resolve("sampled/b.json"), FileTime.from(OLDEST));
    }

    @Test
    void aDryRunListsEveryMoveAndTouchesNothing() throws Exception {
        Map<String, Long> before = tree();
        Migration.Plan plan = migration.plan(null);
        assertThat(plan.runId()).isEqualTo("legacy");
        assertThat(plan.moves()).extracting(Migration.Move::name)
                .containsExactly("sampled/", "analyses/", "reports/", "manifest.csv", "cache/llm/");
        assertThat(plan.moves()).extracting(Migration.Move::files).containsExactly(3, 3, 1, 1, 1);
        assertThat(plan.moves().get(0).to()).isEqualTo(ws.resolve("runs/legacy/sampled"));
        assertThat(plan.clashes()).isEmpty();
        assertThat(tree()).isEqualTo(before);
        assertThat(ws.resolve("runs")).doesNotExist();
    }

    @Test
    void migratingMovesEverythingDescribesItAndPointsLatestAtIt() throws Exception {
        Run run = migration.migrate(null).orElseThrow().run();

        for (String gone : new String[] {"sampled", "analyses", "reports", "manifest.csv", "cache/llm"}) {
            assertThat(ws.resolve(gone)).as(gone).doesNotExist();
        }
        assertThat(run.dir()).isEqualTo(ws.resolve("runs/legacy"));
        assertThat(run.sampledCount()).isEqualTo(3);
        assertThat(run.analysedCount()).isEqualTo(2);
        assertThat(run.cacheDir().resolve("llm/0f.json")).exists();
        assertThat(store.latestId()).contains("legacy");
        assertThat(store.find("legacy")).isPresent();

        RunConfig config = run.config();
        assertThat(config.createdAt()).isEqualTo(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
                .format(LocalDateTime.ofInstant(OLDEST, ZoneId.systemDefault())));
        assertThat(config.source()).containsEntry("migrated_from", ws.toString()).containsKey("migrated_at");
        RunStatus status = run.status();
        assertThat(status.stage(Stage.SAMPLING).isCompleted()).isTrue();
        assertThat(status.stage(Stage.SAMPLING).count()).isEqualTo(3);
        assertThat(status.stage(Stage.ANALYSIS).count()).isEqualTo(2);
        assertThat(status.stage(Stage.ANALYSIS).detail()).containsEntry("failed", 1);
        assertThat(status.stage(Stage.METRICS).isCompleted()).isTrue();
        assertThat(status.stage(Stage.NL_EXTRACTION).status()).isEqualTo("pending");
        assertThat(status.overallStatus()).isEqualTo("in_progress");
        assertThat(run.isSealed()).isFalse();
    }

    @Test
    void aSecondMigrationFindsNothingToDo() {
        migration.migrate(null).orElseThrow();
        assertThat(migration.plan(null).nothingToDo()).isTrue();
        assertThat(migration.migrate(null)).isEmpty();
    }

    @Test
    void aClashStopsBeforeTheFirstMove() throws Exception {
        write("runs/legacy/reports/metrics.json", "{\"older\": true}");
        Map<String, Long> before = tree();
        Migration.Plan plan = migration.plan(null);
        assertThat(plan.clashes()).containsExactly("runs/legacy/reports/ exists already");

        assertThatThrownBy(() -> migration.migrate(null))
                .isInstanceOf(VaaException.class)
                .hasMessageContaining("Nothing was moved")
                .hasMessageContaining("--to ID");
        assertThat(tree()).isEqualTo(before);
        assertThat(Files.readString(ws.resolve("runs/legacy/reports/metrics.json"))).isEqualTo("{\"older\": true}");
    }

    @Test
    void aNamedRunMayBeNewOrAnEmptyUnsealedOneButNeverASealedOne() throws Exception {
        Run sealed = store.tryCreate("done").orElseThrow();
        sealed.seal();
        assertThatThrownBy(() -> migration.migrate("done")).hasMessageContaining("Run done is completed and sealed");
        assertThatThrownBy(() -> migration.plan("done")).hasMessageContaining("sealed");
        assertThat(ws.resolve("sampled")).isDirectory();
        assertThatThrownBy(() -> migration.plan("../x")).isInstanceOf(VaaException.class);

        store.tryCreate("fresh").orElseThrow();
        Run run = migration.migrate("fresh").orElseThrow().run();
        assertThat(run.id()).isEqualTo("fresh");
        assertThat(run.sampledCount()).isEqualTo(3);
        assertThat(store.latestId()).contains("fresh");
    }

    @Test
    void aCompleteLayoutIsSealedLikeAnyFinishedRun() throws Exception {
        write("reports/nl_fields.json", "{}");
        write("reports/insights.json", "{}");
        write("reports/report.html", "<html></html>");
        Run run = migration.migrate(null).orElseThrow().run();
        assertThat(run.isSealed()).isTrue();
    }

    private void write(String rel, String content) throws IOException {
        Path p = ws.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    /** Every path in the workspace with its size (directories -1): what a dry run must leave exactly as it was. */
    private Map<String, Long> tree() throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(ws)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                out.put(ws.relativize(p).toString(), Files.isDirectory(p) ? -1 : Files.size(p));
            }
        }
        return out;
    }
}
