package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.io.Env;
import vaa.io.Json;
import vaa.pipeline.Pipeline;
import vaa.pipeline.RunService;
import vaa.run.LastRunPointers;
import vaa.run.RunResolver;
import vaa.run.RunSelection;
import vaa.run.RunStore;
import vaa.sample.Sampler;
import vaa.testing.Cli;
import vaa.testing.MessageLog;

/** {@code vaa run --resume} continues the run it names with what that run was started with, and never makes one. */
class ResumeCommandTest {
    static final String SOURCE = Path.of("customer_data").toAbsolutePath().toString();

    @TempDir
    Path ws;

    @Test
    void aRunKilledBeforeItsFirstStageHasItsArgumentsRecordedAndResumesWithThem() throws Exception {
        RunStore store = new RunStore(ws, Clock.systemDefaultZone(), "test");
        MessageLog messages = new MessageLog();
        RunService service = new RunService(Env.of(Map.of()), ws, Optional.empty(), store,
                () -> new RunResolver(store, new LastRunPointers(ws, Optional.empty()), Optional.empty(), false, () -> null, messages),
                messages);
        Pipeline.Options asked = new Pipeline.Options(7, Path.of(SOURCE), 42L, List.of(new Sampler.Where("source", "harper-valley")),
                2, null, null, Pipeline.parseStages(null), "agent_name", null);

        // what a SIGKILL right after the run directory was made leaves behind: the run, and no stage started
        service.prepare(new RunService.Request(asked, new RunSelection(null, "t1", false), false, null));

        JsonNode recorded = Json.MAPPER.readTree(ws.resolve("runs/t1/config.json").toFile()).get("args");
        assertThat(recorded.get("sample_size").asInt()).isEqualTo(7);
        assertThat(recorded.get("source").asText()).isEqualTo(SOURCE);
        assertThat(recorded.get("seed").asLong()).isEqualTo(42);
        assertThat(recorded.get("where").get(0).asText()).isEqualTo("source=harper-valley");
        assertThat(recorded.get("by").asText()).isEqualTo("agent_name");
        assertThat(Json.MAPPER.readTree(ws.resolve("runs/t1/status.json").toFile()).get("overall_status").asText()).isEqualTo("pending");

        Cli.Result resumed = Cli.in(ws).run("run", "--run-id", "t1", "--resume");

        assertThat(resumed.code()).as(resumed.all()).isZero();
        JsonNode config = Json.MAPPER.readTree(ws.resolve("runs/t1/config.json").toFile());
        assertThat(config.at("/args/sample_size").asInt()).isEqualTo(7);
        assertThat(config.at("/args/seed").asLong()).isEqualTo(42);
        assertThat(config.at("/args/workers").asInt()).isEqualTo(2);
        assertThat(config.at("/source/transcripts_dir").asText()).isEqualTo(SOURCE);
        assertThat(Files.readString(ws.resolve("runs/t1/manifest.csv"))).contains("harper").doesNotContain("taskmaster");
        assertThat(Files.readString(ws.resolve("runs/t1/reports/metrics.json"))).contains("agent_name");
    }

    @Test
    void resumingNeverReplacesTheRecordedArgumentsWithDefaults() throws Exception {
        Cli.Result first = Cli.in(ws).run("run", "-n", "3", "--seed", "5", "--source", SOURCE, "--run-id", "r", "--stages", "sample");
        assertThat(first.code()).as(first.all()).isZero();
        JsonNode before = Json.MAPPER.readTree(ws.resolve("runs/r/config.json").toFile()).get("args");

        Cli.Result resumed = Cli.in(ws).run("run", "--run-id", "r", "--resume");

        assertThat(resumed.code()).as(resumed.all()).isZero();
        JsonNode after = Json.MAPPER.readTree(ws.resolve("runs/r/config.json").toFile()).get("args");
        for (String key : List.of("sample_size", "seed", "source", "workers", "stages")) {
            assertThat(after.get(key)).as(key).isEqualTo(before.get(key));
        }
    }

    @Test
    void aRunWithNoRecordedArgumentsIsRefusedWithTheWayForwardAndLeftAsItWas() throws Exception {
        // a stage command makes the run it is named, and records no pipeline arguments in it
        assertThat(Cli.in(ws).run("analyze", "--run-id", "t2").err()).contains("Run t2 has no sampled calls");
        String config = Files.readString(ws.resolve("runs/t2/config.json"));

        Cli.Result r = Cli.in(ws).run("run", "--run-id", "t2", "--resume");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Run t2 has no recorded arguments", "without --resume", "vaa run --run-id t2 -n N --source DIR")
                .doesNotContainIgnoringCase("resume with");
        assertThat(Files.readString(ws.resolve("runs/t2/config.json"))).isEqualTo(config);
        assertThat(Files.readString(ws.resolve("runs/t2/status.json"))).contains("\"overall_status\" : \"pending\"");
    }

    @Test
    void resumingARunThatDoesNotExistIsRefusedAndMakesNone() {
        Cli.Result r = Cli.in(ws).run("run", "--run-id", "nosuch", "--resume");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("No run nosuch in runs/");
        assertThat(r.out()).doesNotContain("Creating isolated run");
        assertThat(ws.resolve("runs/nosuch")).doesNotExist();
        assertThat(ws.resolve(".last_run")).doesNotExist();
    }
}
