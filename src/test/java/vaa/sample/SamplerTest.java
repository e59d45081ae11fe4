package vaa.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.VaaException;
import vaa.io.Json;
import vaa.io.MessageSink;
import vaa.run.Run;
import vaa.run.RunStore;
import vaa.run.Stage;
import vaa.transcript.FailingReaders;
import vaa.transcript.ReadResult;
import vaa.transcript.TranscriptReaders;

class SamplerTest {
    @TempDir
    Path ws;
    RunStore store;
    final List<String> warnings = new ArrayList<>();
    final MessageSink sink = new MessageSink() {
        @Override
        public void info(String m) {}

        @Override
        public void warn(String m) {
            warnings.add(m);
        }
    };

    @BeforeEach
    void source() throws Exception {
        store = new RunStore(ws, Clock.systemDefaultZone(), "t");
        Path src = Files.createDirectories(ws.resolve("src/campaign"));
        for (int i = 0; i < 30; i++) {
            String tier = i % 3 == 0 ? "gold" : "basic";
            Files.writeString(src.resolve(String.format("call_%02d.json", i)), "{\"id\": \"call_" + i + "\", \"metadata\": {\"tier\": \""
                    + tier + "\"}, \"utterances\": [{\"speaker\": \"agent\", \"text\": \"Hello, how can I help?\"},"
                    + "{\"speaker\": \"customer\", \"text\": \"My card is blocked.\"}]}");
        }
        Files.writeString(src.resolve("notes.txt"), "Agent: Hi there\nCustomer: I want to cancel\n");
    }

    private Sampler.Result sample(String runId, int n, Long seed, List<Sampler.Where> where) {
        Run run = store.tryCreate(runId).orElseThrow();
        return new Sampler(new TranscriptReaders()).sample(run, new Sampler.Request(Path.of("src"), n, seed, where, Optional.empty()), ws, sink);
    }

    @Test
    void sameSourceSeedAndNGiveAByteIdenticalManifestInAnyRun() throws Exception {
        sample("a", 10, 42L, List.of());
        sample("b", 10, 42L, List.of());
        String a = Files.readString(ws.resolve("runs/a/manifest.csv"));
        assertThat(a).isEqualTo(Files.readString(ws.resolve("runs/b/manifest.csv")));
        sample("c", 10, 43L, List.of());
        assertThat(Files.readString(ws.resolve("runs/c/manifest.csv"))).isNotEqualTo(a);
    }

    @Test
    void manifestHasOneRowPerCallWithPathHashBytesAndFormat() throws Exception {
        Sampler.Result r = sample("a", 31, 7L, List.of());
        assertThat(r.sampled()).isEqualTo(31);
        List<String> lines = Files.readAllLines(ws.resolve("runs/a/manifest.csv"));
        assertThat(lines.get(0)).isEqualTo("call_id,source_path,sha256,bytes,format");
        assertThat(lines).hasSize(32);
        String notes = lines.stream().filter(l -> l.contains("notes.txt")).findFirst().orElseThrow();
        Path file = ws.resolve("src/campaign/notes.txt");
        assertThat(notes).isEqualTo("notes,campaign/notes.txt," + Sampler.sha256(file) + "," + Files.size(file) + ",text");
        assertThat(Sampler.sha256(file)).hasSize(64);
        assertThat(r.formats()).containsEntry("canonical", 30).containsEntry("text", 1);
    }

    @Test
    void sampledCopiesAreCanonicalAndConfigAndStatusRecordTheSample() throws Exception {
        Sampler.Result r = sample("a", 5, null, List.of());
        assertThat(r.seedGenerated()).isTrue();
        Run run = store.find("a").orElseThrow();
        try (var files = Files.list(run.sampledDir())) {
            assertThat(files.count()).isEqualTo(5);
        }
        JsonNode config = Json.MAPPER.readTree(run.dir().resolve("config.json").toFile());
        assertThat(config.at("/args/seed").asLong()).isEqualTo(r.seed());
        assertThat(config.at("/args/sample_size").asInt()).isEqualTo(5);
        assertThat(config.at("/source/total_available").asInt()).isEqualTo(31);
        assertThat(config.at("/source/transcripts_dir").asText()).endsWith("src");
        assertThat(run.status().stage(Stage.SAMPLING).status()).isEqualTo("completed");
        assertThat(run.status().stage(Stage.SAMPLING).count()).isEqualTo(5);
    }

    @Test
    void unreadableDrawsAreReplacedAndListed() throws Exception {
        Path src = ws.resolve("src/campaign");
        Files.writeString(src.resolve("broken_1.json"), "{\"id\": \"x\", \"utterances\": [");
        Files.write(src.resolve("broken_2.json"), new byte[0]);
        Files.write(src.resolve("broken_3.json"), new byte[] {0, 1, 2, 3, 0, 0, 9});
        Sampler.Result r = sample("a", 31, 1L, List.of());
        assertThat(r.sampled()).isEqualTo(31);
        assertThat(r.unreadable()).extracting(u -> u.file().toString())
                .containsExactlyInAnyOrder("campaign/broken_1.json", "campaign/broken_2.json", "campaign/broken_3.json");
        assertThat(r.unreadable()).allSatisfy(u -> assertThat(u.reason()).isNotBlank());
        String status = Files.readString(ws.resolve("runs/a/status.json"));
        assertThat(status).contains("campaign/broken_2.json", "empty file");
    }

    @Test
    void aReaderFailureOnOneFileSkipsThatFileWithTheFailureNamedAndTheOthersAreDrawn() throws Exception {
        Files.writeString(ws.resolve("src/campaign/broken.json"), "{\"id\": \"x\", \"utterances\": [");
        Run run = store.tryCreate("a").orElseThrow();
        Sampler buggy = new Sampler(FailingReaders.throwingOn("call_07.json", new ClassCastException("a list is not a map")));

        Sampler.Result r = buggy.sample(run, new Sampler.Request(Path.of("src"), 30, 1L, List.of(), Optional.empty()), ws, sink);

        assertThat(r.sampled()).isEqualTo(30);
        assertThat(r.unreadable()).extracting(ReadResult.Unreadable::toString).satisfiesExactlyInAnyOrder(
                u -> assertThat(u).isEqualTo("campaign/call_07.json: reader error (ClassCastException: a list is not a map)"),
                u -> assertThat(u).startsWith("campaign/broken.json: not valid JSON: Unexpected end-of-input"));
        assertThat(warnings).singleElement().asString().startsWith("Skipped 2 unreadable files:\n")
                .contains("\n  campaign/call_07.json: reader error (ClassCastException: a list is not a map)",
                        "\n  campaign/broken.json: not valid JSON");
        assertThat(Files.readString(run.dir().resolve("status.json"))).contains("campaign/call_07.json", "ClassCastException");
    }

    @Test
    void aSingleFileIsASourceOfOneCall() throws Exception {
        Run run = store.tryCreate("a").orElseThrow();
        Path file = Path.of("src/campaign/notes.txt");

        Sampler.Result r = new Sampler(new TranscriptReaders()).sample(run, new Sampler.Request(file, 5, 1L, List.of(), Optional.empty()), ws, sink);

        assertThat(r.sampled()).isEqualTo(1);
        assertThat(r.totalAvailable()).isEqualTo(1);
        assertThat(Files.readAllLines(run.manifest())).element(1).asString().startsWith("notes,notes.txt,");
        assertThat(warnings).containsExactly("Asked for 5 calls but src/campaign/notes.txt has 1 transcript; taking it.");
        assertThat(Json.MAPPER.readTree(run.dir().resolve("config.json").toFile()).at("/source/transcripts_dir").asText())
                .isEqualTo(ws.resolve(file).toString());
    }

    @Test
    void aSingleUnreadableFileSaysWhy() throws Exception {
        Files.writeString(ws.resolve("src/campaign/broken.json"), "{}");
        Run run = store.tryCreate("a").orElseThrow();

        assertThatThrownBy(() -> new Sampler(new TranscriptReaders()).sample(run,
                new Sampler.Request(Path.of("src/campaign/broken.json"), 1, 1L, List.of(), Optional.empty()), ws, sink))
                .hasMessage("No readable transcripts in src/campaign/broken.json (1 unreadable).");
        assertThat(warnings).containsExactly("Skipped 1 unreadable file:\n  broken.json: unknown transcript shape"
                + " (expected canonical, processed, Vapi, Retell or Deepgram JSON)");
    }

    @Test
    void askingForMoreThanExistsTakesAllWithAWarning() {
        Sampler.Result r = sample("a", 500, 1L, List.of());
        assertThat(r.sampled()).isEqualTo(31);
        assertThat(warnings).anyMatch(w -> w.contains("taking all of them"));
    }

    @Test
    void whereFiltersOnMetadata() {
        Sampler.Result r = sample("a", 100, 1L, List.of(Sampler.Where.parse("tier=gold")));
        assertThat(r.sampled()).isEqualTo(10);
    }

    @Test
    void zeroMissingAndEmptySourcesAreUsageErrors() throws Exception {
        assertThatThrownBy(() -> sample("a", 0, 1L, List.of())).satisfies(e -> assertThat(((VaaException) e).exitCode()).isEqualTo(2));
        Run run = store.tryCreate("b").orElseThrow();
        Sampler sampler = new Sampler(new TranscriptReaders());
        assertThatThrownBy(() -> sampler.sample(run, new Sampler.Request(Path.of("nope"), 5, 1L, List.of(), Optional.empty()), ws, sink))
                .hasMessageContaining("Source not found: nope")
                .satisfies(e -> assertThat(((VaaException) e).exitCode()).isEqualTo(2));
        Files.createDirectories(ws.resolve("empty"));
        assertThatThrownBy(() -> sampler.sample(run, new Sampler.Request(Path.of("empty"), 5, 1L, List.of(), Optional.empty()), ws, sink))
                .hasMessageContaining("No transcripts found in empty")
                .satisfies(e -> assertThat(((VaaException) e).exitCode()).isEqualTo(2));
    }

    @Test
    void aRunWithACompletedSampleIsNotResampled() {
        sample("a", 5, 1L, List.of());
        Run run = store.find("a").orElseThrow();
        assertThatThrownBy(() -> new Sampler(new TranscriptReaders())
                .sample(run, new Sampler.Request(Path.of("src"), 5, 1L, List.of(), Optional.empty()), ws, sink))
                .hasMessageContaining("already has a sample of 5 calls");
    }

    @Test
    void permutationIsStableForASeed() {
        assertThat(Sampler.permutation(5, 42L)).containsExactly(Sampler.permutation(5, 42L));
        assertThat(Sampler.permutation(1000, 42L)).doesNotHaveDuplicates().hasSize(1000);
    }
}
