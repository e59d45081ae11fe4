package vaa.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.VaaException;

class RunForkTest {
    @TempDir
    Path ws;
    RunStore store;
    Run parent;

    /** A sealed parent with three sampled calls, a manifest, and the arguments that drew them. */
    @BeforeEach
    void parent() {
        store = new RunStore(ws, Clock.systemDefaultZone(), "t");
        parent = store.tryCreate("base").orElseThrow();
        for (String id : List.of("a", "b", "c")) {
            parent.writeString(parent.sampledDir().resolve(id + ".json"), "{\"id\":\"" + id + "\",\"utterances\":[]}");
        }
        parent.writeString(parent.manifest(), "call_id,source_path,sha256,bytes,format\na,x/a.json,00,1,canonical\n");
        parent.updateConfig(c -> c.withArgs(Map.of("sample_size", 3, "seed", 7L, "where", List.of(), "analysis_model", "openai:judge"))
                .withSource(Map.of("transcripts_dir", "/data/calls", "total_available", 40)));
        parent.updateStage(Stage.SAMPLING, s -> s.completed(parent.now(), 3, null));
        parent.seal();
    }

    @Test
    void aForkSharesTheSampleOfASealedParentAndRecordsIt() throws Exception {
        Run child = store.tryCreate("fork").orElseThrow();
        RunFork.Result r = RunFork.fork(parent, child);

        assertThat(r.calls()).isEqualTo(3);
        assertThat(r.linked() + r.copied()).isEqualTo(3);
        for (String id : List.of("a", "b", "c")) {
            Path mine = child.sampledDir().resolve(id + ".json");
            assertThat(Files.readString(mine)).isEqualTo(Files.readString(parent.sampledDir().resolve(id + ".json")));
            if (r.copied() == 0) {
                assertThat(Files.isSameFile(mine, parent.sampledDir().resolve(id + ".json"))).as("hard link").isTrue();
            }
        }
        assertThat(Files.readString(child.manifest())).isEqualTo(Files.readString(parent.manifest()));
        RunConfig config = child.config();
        assertThat(config.parentRun()).isEqualTo("base");
        assertThat(config.args()).containsEntry("sample_size", 3).containsEntry("seed", 7).doesNotContainKey("analysis_model");
        assertThat(config.source()).containsEntry("transcripts_dir", "/data/calls");
        StageStatus sampling = child.status().stage(Stage.SAMPLING);
        assertThat(sampling.isCompleted()).isTrue();
        assertThat(sampling.count()).isEqualTo(3);
        assertThat(sampling.detail()).containsEntry("reused_from", "base");
        assertThat((String) sampling.detail().get("note")).contains("sample reused from run base");
        assertThat(child.isSealed()).isFalse();
        assertThat(parent.isSealed()).isTrue();
        assertThat(RunFork.parentOf(child).map(Run::id)).contains("base");
    }

    @Test
    void aParentWithoutAFinishedSampleIsRefusedBeforeAnythingIsCopied() {
        Run empty = store.tryCreate("empty").orElseThrow();
        Run child = store.tryCreate("fork").orElseThrow();
        assertThatThrownBy(() -> RunFork.fork(empty, child))
                .isInstanceOf(VaaException.class)
                .hasMessageContaining("Run empty has no finished sample")
                .satisfies(e -> assertThat(((VaaException) e).exitCode()).isEqualTo(2));
        assertThat(child.sampledCount()).isZero();
        assertThat(child.config().parentRun()).isNull();
        assertThatThrownBy(() -> RunFork.requireSample(store.legacy())).hasMessageContaining("vaa runs migrate");
    }

    @Test
    void aForkCutShortIsFinishedCleanlyByForkingAgain() throws Exception {
        Run child = store.tryCreate("fork").orElseThrow();
        child.updateConfig(c -> c.withParent("base"));
        child.updateStage(Stage.SAMPLING, s -> s.running(child.now()));
        child.writeString(child.sampledDir().resolve("stray.json"), "{}");

        RunFork.fork(RunFork.parentOf(child).orElseThrow(), child);
        try (Stream<Path> files = Files.list(child.sampledDir())) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("a.json", "b.json", "c.json");
        }
        assertThat(parent.sampledCount()).isEqualTo(3);
    }

    @Test
    void aRunThatAlreadyHasASampleOrIsItselfIsRefused() {
        Run child = store.tryCreate("fork").orElseThrow();
        RunFork.fork(parent, child);
        assertThatThrownBy(() -> RunFork.fork(parent, child)).hasMessageContaining("already has a sample");
        assertThatThrownBy(() -> RunFork.fork(parent, parent)).hasMessageContaining("cannot be started from itself");
    }

    @Test
    void importingNeverReplacesAFile() throws Exception {
        Run child = store.tryCreate("fork").orElseThrow();
        child.writeString(child.sampledDir().resolve("a.json"), "mine");
        assertThatThrownBy(() -> child.importFile(parent.sampledDir().resolve("a.json"), child.sampledDir().resolve("a.json")))
                .hasMessageContaining("never replaced");
        assertThat(Files.readString(child.sampledDir().resolve("a.json"))).isEqualTo("mine");
    }
}
