package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.io.Json;
import vaa.testing.Cli;

/** {@code vaa run} from a single transcript file, and from an empty workspace with the installed demo data. */
class RunSourceTest {
    @TempDir
    Path ws;

    @Test
    void aSingleTranscriptFileRunsThePipelineOnOneCall() throws IOException {
        Path file = ws.resolve("one-call.txt");
        Files.writeString(file, "Agent: Hello, how can I help?\nCustomer: My card is blocked.\nAgent: Let me unblock it.\n");

        Cli.Result r = Cli.in(ws).run("run", "--seed", "1", "--source", "one-call.txt", "--run-id", "one");

        assertThat(r.code()).as(r.all()).isZero();
        assertThat(ws.resolve("runs/one/sampled/one-call.json")).exists();
        JsonNode config = Json.MAPPER.readTree(ws.resolve("runs/one/config.json").toFile());
        assertThat(config.at("/source/transcripts_dir").asText()).isEqualTo(file.toRealPath().toString());
        assertThat(config.at("/source/total_available").asInt()).isEqualTo(1);
    }

    @Test
    void fromAnEmptyWorkspaceTheDemoRunsOnTheInstalledDemoData() throws IOException {
        Path home = Path.of("").toAbsolutePath(); // the clone is an installation: the launcher's directory

        Cli.Result r = Cli.in(ws).home(home).run("run", "-n", "20", "--seed", "1", "--run-id", "demo");

        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).containsOnlyOnce("No customer_data/ here; drawing from the demo data installed with vaa: "
                + home.resolve("customer_data"));
        try (var sampled = Files.list(ws.resolve("runs/demo/sampled"))) {
            assertThat(sampled.count()).isEqualTo(20);
        }
        JsonNode config = Json.MAPPER.readTree(ws.resolve("runs/demo/config.json").toFile());
        assertThat(config.at("/args/source").asText()).isEqualTo(home.resolve("customer_data").toString());
    }
}
