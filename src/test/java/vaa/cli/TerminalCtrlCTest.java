package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.Vaa;
import vaa.io.Json;
import vaa.testing.ChildJvm;
import vaa.testing.OpenAiStub;
import vaa.testing.Pty;

/**
 * Ctrl+C typed at a real terminal, not {@code kill -INT}: {@code vaa run} is a child JVM on a
 * pseudo-terminal, so it draws its live progress bar (and opens its JLine terminal), and the key
 * reaches it through the terminal as SIGINT to the foreground process.
 */
class TerminalCtrlCTest {
    static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    Path ws;

    @BeforeAll
    static void needsAPseudoTerminal() {
        assumeTrue(Pty.available(), "util-linux script is not installed");
    }

    @Test
    void ctrlCFinishesTheCallsInFlightMarksTheRunInterruptedAndSaysHowToResume() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(b -> OpenAiStub.judgement("resolved", "x")).delay(700);
             Pty pty = startRun(stub)) {
            assertThat(pty.await(s -> s.matches("(?s).*Analysing +\\d+% \\[.*") && stub.requests.get() > 0, LONG))
                    .as(pty.screen()).isTrue();
            pty.ctrlC();
            int exit = pty.waitFor(LONG);

            String screen = pty.screen();
            assertThat(exit).as(screen).isEqualTo(130);
            assertThat(screen).contains("Stopping after the calls in flight (Ctrl+C again to quit now)...",
                    "resume with: vaa run --run-id r --resume");
            assertStatusInterrupted();
            // every call that went to the model was waited for and kept
            assertThat(analyses()).isEqualTo(stub.requests.get()).isLessThan(8);
        }
    }

    @Test
    void aSecondCtrlCQuitsAtOnceAndStillLeavesTheRunInterruptedWithTheHint() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(b -> OpenAiStub.judgement("resolved", "x")).delay(1500);
             Pty pty = startRun(stub)) {
            assertThat(pty.await(s -> s.contains("Analysing") && stub.requests.get() > 0, LONG)).as(pty.screen()).isTrue();
            pty.ctrlC();
            assertThat(pty.await(s -> s.contains("Ctrl+C again to quit now"), LONG)).as(pty.screen()).isTrue();
            pty.ctrlC();
            int exit = pty.waitFor(LONG);

            String screen = pty.screen();
            assertThat(exit).as(screen).isEqualTo(130);
            assertThat(screen).contains("run r is marked interrupted", "Resume with: vaa run --run-id r --resume");
            assertStatusInterrupted();
            // it did not wait for the calls in flight
            assertThat(analyses()).isLessThan(stub.requests.get());
        }
    }

    private Pty startRun(OpenAiStub stub) throws Exception {
        return Pty.start(ws, stub.env(), ChildJvm.command(Vaa.class, "run", "-n", "8", "--seed", "8",
                "--source", Path.of("customer_data").toAbsolutePath().toString(), "--model", "openai:m",
                "--run-id", "r", "--workers", "2", "--stages", "sample,analyze"));
    }

    private void assertStatusInterrupted() throws Exception {
        JsonNode status = Json.MAPPER.readTree(ws.resolve("runs/r/status.json").toFile());
        assertThat(status.get("overall_status").asText()).as(status.toString()).isEqualTo("interrupted");
        assertThat(status.at("/stages/analysis/status").asText()).as(status.toString()).isEqualTo("interrupted");
    }

    private long analyses() throws Exception {
        try (Stream<Path> s = Files.list(ws.resolve("runs/r/analyses"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith(".")).count();
        }
    }
}
