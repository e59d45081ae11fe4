package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.io.Json;
import vaa.run.HoldLockMain;
import vaa.testing.ChildJvm;
import vaa.testing.Cli;
import vaa.testing.OpenAiStub;
import vaa.testing.RunFixtures;

/**
 * Exit codes say what happened, whichever command: 1 when a stage failed while working (its status.json entry says
 * failed), 2 for bad usage or input, which leaves the stage as it was — a run another process is writing included,
 * like a sealed run.
 */
class ExitCodeTest {
    static final String SOURCE = Path.of("customer_data").toAbsolutePath().toString();

    @TempDir
    Path ws;

    private JsonNode status(String run) throws Exception {
        return Json.MAPPER.readTree(ws.resolve("runs/" + run + "/status.json").toFile());
    }

    @Test
    void aCommandOnARunInUseExitsTwoNamingTheHolder() throws Exception {
        RunFixtures.withMetrics(ws, "busy", "m", RunFixtures.fortyCalls(30, 25, 10, 1.0));
        try (ChildJvm holder = ChildJvm.start(ws, HoldLockMain.class, ws.resolve("runs/busy").toString())) {
            assertThat(holder.readLine()).isEqualTo("locked");
            for (String command : new String[] {"metrics", "report", "run --resume"}) {
                Cli.Result r = Cli.in(ws).run((command + " --run-id busy").split(" "));
                assertThat(r.code()).as(command + ": " + r.all()).isEqualTo(2);
                assertThat(r.err()).as(command).contains("Run busy is in use by another vaa process (pid " + holder.pid() + ")");
            }
        }
    }

    @Test
    void analyzeExitsOneWhenEveryCallFailed() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(b -> "I cannot answer in JSON, sorry")) {
            Cli cli = Cli.in(ws).env(stub.env());
            assertThat(cli.run("sample", "-n", "3", "--seed", "1", "--source", SOURCE, "--run-id", "f").code()).isZero();

            Cli.Result r = cli.run("analyze", "--run-id", "f", "--model", "openai:judge");

            assertThat(r.code()).as(r.all()).isEqualTo(1);
            assertThat(r.out()).contains("0 analysed, 3 failed").doesNotContain("Next: vaa metrics");
            assertThat(r.err()).contains("No call could be analysed (3 failed)", "vaa analyze --retry-failed --run-id f");
            assertThat(status("f").at("/stages/analysis/status").asText()).isEqualTo("failed");
        }
    }

    @Test
    void aStageRefusingItsInputExitsTwoAndIsNotMarkedFailed() throws Exception {
        assertThat(Cli.in(ws).run("sample", "-n", "2", "--seed", "1", "--source", SOURCE, "--run-id", "s").code()).isZero();
        for (String command : new String[] {"metrics", "extract"}) {
            Cli.Result r = Cli.in(ws).run(command, "--run-id", "s");
            assertThat(r.code()).as(command + ": " + r.all()).isEqualTo(2);
            assertThat(r.err()).as(command).contains("Run s has no analyses", "vaa analyze --run-id s");
        }
        assertThat(status("s").at("/stages/metrics/status").asText()).isEqualTo("pending");
        assertThat(status("s").at("/stages/nl_extraction/status").asText()).isEqualTo("pending");
    }
}
