package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import vaa.Vaa;
import vaa.assist.AssistFixtures;
import vaa.testing.ChildJvm;

/** Ctrl+C (SIGINT) to a real {@code vaa assist} process while the model is thinking. */
@DisabledOnOs(OS.WINDOWS)
class AssistInterruptTest {
    @TempDir
    Path ws;

    @Test
    void sigintDuringAStepLeavesAValidLogWithAnInterruptedFooterAndExits130() throws Exception {
        CountDownLatch secondCall = new CountDownLatch(1);
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                private int calls;

                @Override
                public synchronized MockResponse dispatch(RecordedRequest request) {
                    if (++calls == 1) {
                        return AssistFixtures.sse("skip");
                    }
                    secondCall.countDown();
                    return new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);   // a model that never answers
                }
            });
            server.start();
            AssistFixtures.campaign(ws);
            AssistFixtures.localModel(ws, server.url("/v1").toString());

            List<String> output = new ArrayList<>();
            try (ChildJvm child = ChildJvm.start(ws, Vaa.class, "assist", "--state", AssistFixtures.STATE_REL,
                    "--model", "local", "--yes", "--delay", "0", "--run-name", "sigint")) {
                assertThat(secondCall.await(60, TimeUnit.SECONDS)).as("the child reached step 2").isTrue();
                signal(child.pid());
                int code = child.waitFor();
                for (String line = child.readLine(); line != null; line = child.readLine()) {
                    output.add(line);
                }
                assertThat(code).as(String.join("\n", output)).isEqualTo(130);
            }

            String log = Files.readString(ws.resolve("experiments/sigint.txt"));
            assertThat(log).contains("[Step 1/3").doesNotContain("[Step 2/3")
                    .endsWith("  SUMMARY (interrupted at step 2 of 3)\n" + "=".repeat(80) + "\n"
                            + "  Steps:        1\n  Shown:        0 (0%)\n  Skipped:      1 (100%)\n"
                            + "  Avg TTFT:     " + log.split("Avg TTFT:     ")[1].split("\n")[0] + "\n"
                            + "  Avg E2E:      " + log.split("Avg E2E:      ")[1].split("\n")[0] + "\n"
                            + "  Tags:         (none)\n" + "=".repeat(80) + "\n");
            assertThat(Files.readAllLines(ws.resolve("experiments/sigint.jsonl"))).hasSize(1);
            assertThat(String.join("\n", output)).contains("Experiment Interrupted at Step 2");
        }
    }

    private static void signal(long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }
}
