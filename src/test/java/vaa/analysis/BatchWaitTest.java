package vaa.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.io.Env;
import vaa.io.Json;
import vaa.io.ProgressSink;
import vaa.llm.Tracer;
import vaa.run.Run;
import vaa.run.RunStore;
import vaa.testing.BatchServer;
import vaa.testing.Cli;
import vaa.testing.MessageLog;
import vaa.testing.OpenAiStub;

/** Waiting for a batch: the progress shows the batch's own counts, and Ctrl+C stops the wait, not the batch. */
class BatchWaitTest {
    @TempDir
    Path ws;

    /** Every update the stage reported, as "task: done/total, failed". */
    final List<String> updates = new CopyOnWriteArrayList<>();

    final ProgressSink progress = new ProgressSink() {
        private volatile String task;
        private volatile long total;

        @Override
        public void start(String t, long n) {
            task = t;
            total = n;
        }

        @Override
        public void update(long done, long failed) {
            updates.add(task + ": " + done + "/" + total + ", " + failed);
        }

        @Override
        public void close() {}
    };

    @Test
    void ctrlCWhileWaitingStopsThePollingTheBatchGoesOnAndTheNextRunCollectsIt() throws Exception {
        try (BatchServer server = new BatchServer(b -> OpenAiStub.judgement("resolved", "thank you"))) {
            Cli cli = Cli.in(ws).env(server.env());
            assertThat(cli.run("sample", "-n", "4", "--seed", "3", "--source", Path.of("customer_data").toAbsolutePath().toString(),
                    "--run-id", "r").code()).isZero();
            Run run = new RunStore(ws, Clock.systemUTC(), "test").named("r");
            server.hold = true;
            AtomicBoolean ctrlC = new AtomicBoolean();
            MessageLog messages = new MessageLog();
            AnalyzeStage stage = new AnalyzeStage(Env.of(server.env()), ws, messages, progress, () -> {
                // pressed once the progress showed the batch half done
                if (updates.stream().anyMatch(u -> u.endsWith(": 2/4, 0"))) {
                    ctrlC.set(true);
                }
                return ctrlC.get();
            }, Tracer.OFF);
            Analyzer.Result stopped = stage.run(run, new AnalyzeStage.Options("openai:test-model", null, null, null, null, 2, null,
                    false, false, null, false, true));
            assertThat(stopped.interrupted()).isTrue();
            assertThat(stopped.notStarted()).isEqualTo(4);
            assertThat(updates).anyMatch(u -> u.matches("Batch batch_\\d+: 2/4, 0"));
            assertThat(String.join("\n", messages.lines())).contains("keep running at the provider").contains("--resume");
            JsonNode status = Json.MAPPER.readTree(ws.resolve("runs/r/status.json").toFile());
            assertThat(status.at("/stages/analysis/status").asText()).isEqualTo("interrupted");
            JsonNode ledger = Json.MAPPER.readTree(ws.resolve("runs/r/batches.json").toFile());
            assertThat(ledger.at("/batches/0/provider_status").asText()).isEqualTo("in_progress");
            assertThat(ledger.at("/batches/0/completed").asLong()).isEqualTo(2);

            server.hold = false;
            updates.clear();
            Analyzer.Result resumed = new AnalyzeStage(Env.of(server.env()), ws, messages, progress, () -> false, Tracer.OFF)
                    .run(run, new AnalyzeStage.Options(null, null, null, null, null, 2, null, false, false, null, false, null));
            assertThat(resumed.analysed()).isEqualTo(4);
            assertThat(server.creates.get()).isEqualTo(1);
            assertThat(updates).last().asString().endsWith(": 4/4, 0");
            try (var files = Files.list(ws.resolve("runs/r/analyses"))) {
                assertThat(files.filter(p -> !p.toString().endsWith(".error.json")).count()).isEqualTo(4);
            }
        }
    }
}
