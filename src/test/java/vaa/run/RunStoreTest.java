package vaa.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.testing.ChildJvm;

class RunStoreTest {
    static final Clock FROZEN = Clock.fixed(Instant.parse("2026-01-21T14:30:00Z"), ZoneId.of("UTC"));

    @TempDir
    Path ws;

    @Test
    void aNewRunHasTheSeedLayoutConfigAndStatus() throws Exception {
        Run run = new RunStore(ws, FROZEN, "0.1.0").createGenerated();
        assertThat(run.id()).isEqualTo("run_20260121_143000");
        assertThat(run.dir()).isEqualTo(ws.resolve("runs/run_20260121_143000"));
        assertThat(run.sampledDir()).isDirectory();
        assertThat(run.analysesDir()).isDirectory();
        assertThat(run.reportsDir()).isDirectory();
        String config = Files.readString(run.dir().resolve("config.json"));
        assertThat(config).contains("\"run_id\" : \"run_20260121_143000\"", "\"created_at\" : \"2026-01-21T14:30:00\"",
                "\"version\" : \"0.1.0\"", "\"args\"");
        String status = Files.readString(run.dir().resolve("status.json"));
        assertThat(status).contains("\"overall_status\" : \"pending\"", "\"sampling\"", "\"analysis\"", "\"metrics\"",
                "\"nl_extraction\"", "\"insights\"", "\"report\"", "\"updated_at\"");
    }

    @Test
    void aRunAppearsWholeWithItsArgumentsAndWhatAKilledCreationLeftIsClearedLater() throws Exception {
        RunStore store = new RunStore(ws, FROZEN, "t");
        Path abandoned = Files.createDirectories(ws.resolve("runs/.creating.x.123.456"));
        Files.writeString(abandoned.resolve("config.json"), "{}");
        Files.setLastModifiedTime(abandoned, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 7_200_000L));
        Path recent = Files.createDirectories(ws.resolve("runs/.creating.y.123.789"));

        Run run = store.tryCreate("r", c -> c.withArgs(java.util.Map.of("sample_size", 7))).orElseThrow();

        assertThat(Files.readString(run.dir().resolve("config.json"))).contains("\"sample_size\" : 7");
        assertThat(store.tryCreate("r")).as("an id is taken once").isEmpty();
        assertThat(abandoned).doesNotExist();
        assertThat(recent).as("perhaps another process's creation under way").exists();
        try (var names = Files.list(ws.resolve("runs"))) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("r", ".creating.y.123.789");
        }
    }

    @Test
    void manyThreadsStartingInTheSameSecondGetDistinctRuns() throws Exception {
        RunStore store = new RunStore(ws, FROZEN, "t");
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < threads; i++) {
            pool.submit(() -> {
                start.await();
                for (int k = 0; k < 4; k++) {
                    ids.add(store.createGenerated().id());
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ids).hasSize(64).doesNotHaveDuplicates();
        assertThat(ids).contains("run_20260121_143000", "run_20260121_143000_2", "run_20260121_143000_64");
        try (var dirs = Files.list(ws.resolve("runs"))) {
            assertThat(dirs.count()).isEqualTo(64);
        }
    }

    @Test
    void twoProcessesStartingInTheSameSecondNeverShareARun() throws Exception {
        List<ChildJvm> children = new ArrayList<>();
        children.add(ChildJvm.start(ws, CreateRunsMain.class, ws.toString(), "10"));
        children.add(ChildJvm.start(ws, CreateRunsMain.class, ws.toString(), "10"));
        Set<String> all = new HashSet<>();
        int total = 0;
        for (ChildJvm child : children) {
            try (child) {
                String line;
                while ((line = child.readLine()) != null) {
                    all.add(line);
                    total++;
                }
                assertThat(child.waitFor()).isZero();
            }
        }
        assertThat(total).isEqualTo(20);
        assertThat(all).hasSize(20);
    }

    @Test
    void latestIsASymlinkToTheNewestRunAndListIsNewestFirst() throws Exception {
        Clock early = Clock.fixed(Instant.parse("2026-01-20T09:30:00Z"), ZoneId.of("UTC"));
        Run older = new RunStore(ws, early, "t").createGenerated();
        RunStore store = new RunStore(ws, FROZEN, "t");
        Run newer = store.createGenerated();
        store.pointLatest(older);
        store.pointLatest(newer);
        assertThat(Files.isSymbolicLink(ws.resolve("runs/latest"))).isTrue();
        assertThat(Files.readSymbolicLink(ws.resolve("runs/latest"))).isEqualTo(Path.of(newer.id()));
        assertThat(store.list()).extracting(RunSummary::id).containsExactly(newer.id(), older.id());
        assertThat(store.list().get(0).latest()).isTrue();
        assertThat(store.find("latest")).get().extracting(Run::id).isEqualTo(newer.id());
    }
}
