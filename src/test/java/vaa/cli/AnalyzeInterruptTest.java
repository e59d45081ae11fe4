package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.Vaa;
import vaa.io.Json;
import vaa.testing.ChildJvm;
import vaa.testing.Cli;
import vaa.testing.OpenAiStub;

/** Ctrl+C (SIGINT) to a real {@code vaa analyze} process: in-flight calls finish, status says interrupted, exit 130. */
class AnalyzeInterruptTest {
    @TempDir
    Path ws;

    @Test
    void ctrlCStopsCleanlyWithStatusInterruptedAndTheRerunFinishes() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(b -> OpenAiStub.judgement("resolved", "x")).delay(400)) {
            Cli.in(ws).run("sample", "-n", "12", "--seed", "8", "--source", Path.of("customer_data").toAbsolutePath().toString(), "--run-id", "r");
            StringBuilder dotEnv = new StringBuilder();
            stub.env().forEach((k, v) -> dotEnv.append(k).append('=').append(v).append('\n'));
            Files.writeString(ws.resolve(".env"), dotEnv);
            Path analyses = ws.resolve("runs/r/analyses");
            int exit;
            String output;
            try (ChildJvm child = ChildJvm.start(ws, Vaa.class, "analyze", "--run-id", "r", "--model", "openai:m", "--workers", "2")) {
                long deadline = System.currentTimeMillis() + 30_000;
                while (count(analyses) < 2 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor()).isZero();
                exit = child.waitFor();
                output = new String(child.process().getInputStream().readAllBytes());
            }
            assertThat(exit).as(output).isEqualTo(130);
            assertThat(output).contains("Stopping after the calls in flight", "Resume with: vaa analyze --run-id r");
            long done = count(analyses);
            assertThat(done).isBetween(2L, 11L);
            JsonNode status = Json.MAPPER.readTree(ws.resolve("runs/r/status.json").toFile());
            assertThat(status.at("/stages/analysis/status").asText()).isEqualTo("interrupted");
            assertThat(status.get("overall_status").asText()).isEqualTo("interrupted");
            try (Stream<Path> s = Files.list(analyses)) {
                assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
            }

            int before = stub.requests.get();
            Cli.Result rerun = Cli.in(ws).env(stub.env()).run("analyze", "--run-id", "r", "--model", "openai:m");
            assertThat(rerun.code()).isZero();
            assertThat(count(analyses)).isEqualTo(12);
            assertThat(stub.requests.get() - before).isLessThanOrEqualTo((int) (12 - done));
        }
    }

    private static long count(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith(".")).count();
        }
    }
}
