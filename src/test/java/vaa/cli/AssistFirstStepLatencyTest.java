package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.Vaa;
import vaa.assist.AssistFixtures;
import vaa.io.Json;
import vaa.testing.ChildJvm;

/**
 * The first model call of a fresh process measures the provider, not openai-java's one-time start-up:
 * a real {@code vaa assist} process (a cold JVM) against a server that always takes the same time.
 */
class AssistFirstStepLatencyTest {
    private static final long SERVER_MS = 500;

    @TempDir
    Path ws;

    @Test
    void stepOnesTtftIsWithinTwentyPercentOfTheLaterStepsAgainstAFixedLatencyServer() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return AssistFixtures.sse("skip").setHeadersDelay(SERVER_MS, TimeUnit.MILLISECONDS);
                }
            });
            server.start();
            AssistFixtures.campaign(ws);
            AssistFixtures.localModel(ws, server.url("/v1").toString());

            List<String> output = new ArrayList<>();
            try (ChildJvm child = ChildJvm.start(ws, Vaa.class, "assist", "--state", AssistFixtures.STATE_REL,
                    "--model", "local", "--yes", "--delay", "0", "--run-name", "latency")) {
                int code = child.waitFor();
                for (String line = child.readLine(); line != null; line = child.readLine()) {
                    output.add(line);
                }
                assertThat(code).as(String.join("\n", output)).isZero();
            }
        }

        List<Long> ttft = new ArrayList<>();
        for (String line : Files.readAllLines(ws.resolve("experiments/latency.jsonl"))) {
            JsonNode step = Json.MAPPER.readTree(line);
            ttft.add(step.path("ttft_ms").asLong());
        }
        assertThat(ttft).hasSize(3).allSatisfy(ms -> assertThat(ms).isGreaterThanOrEqualTo(SERVER_MS));
        double later = (ttft.get(1) + ttft.get(2)) / 2.0;
        assertThat((double) ttft.get(0)).as("step 1 TTFT %s against steps 2-3", ttft).isBetween(0.8 * later, 1.2 * later);
    }
}
