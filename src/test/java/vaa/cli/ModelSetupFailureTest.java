package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.io.Json;
import vaa.testing.Cli;
import vaa.testing.OpenAiStub;

/**
 * A wrong key, model or base URL fails every call the same way: the batch stops at once, the last
 * line says what to fix, no call is marked failed (the next run after the fix takes them all up),
 * and the key never shows.
 */
class ModelSetupFailureTest {
    static final String SOURCE = Path.of("customer_data").toAbsolutePath().toString();
    /** Not shaped like a key, so only the scrubbing of the configured key can keep it out. */
    static final String KEY = "my-very-secret-key-9f8e7d";

    @TempDir
    Path ws;

    private final MockWebServer server = new MockWebServer();

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private void answerEveryRequest(MockResponse response) throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return response;
            }
        });
        server.start();
    }

    private Cli cli(String baseUrl) {
        return Cli.in(ws).env(Map.of("OPENAI_BASE_URL", baseUrl, "OPENAI_API_KEY", KEY));
    }

    private static String lastLine(String text) {
        return text.strip().lines().reduce((a, b) -> b).orElse("");
    }

    private static MockResponse openAiError(int status, String message, String code) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody("{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\",\"param\":null,"
                        + "\"code\":\"" + code + "\"}}");
    }

    private void assertNothingFailedAndTheKeyNeverShows(Cli.Result r, String runId) throws IOException {
        assertThat(r.all()).doesNotContain(KEY);
        try (Stream<Path> files = Files.walk(ws)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain(KEY);
            }
        }
        try (Stream<Path> analyses = Files.list(ws.resolve("runs/" + runId + "/analyses"))) {
            assertThat(analyses.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".error.json"));
        }
    }

    @Test
    void aRejectedKeyStopsTheRunAndTheLastLineNamesTheVariableAndTheProvidersMessage() throws Exception {
        answerEveryRequest(openAiError(401, "Incorrect API key provided: " + KEY + ". You can find your API key at"
                + " https://platform.openai.com/account/api-keys.", "invalid_api_key"));

        Cli.Result r = cli(server.url("/v1").toString())
                .run("run", "-n", "8", "--seed", "4", "--source", SOURCE, "--run-id", "r", "--model", "openai:gpt-4o-mini");

        assertThat(r.code()).as(r.all()).isEqualTo(1);
        assertThat(lastLine(r.err())).isEqualTo("The API key in OPENAI_API_KEY was rejected by " + server.getHostName()
                + " (401: Incorrect API key provided: [redacted]. You can find your API key at"
                + " https://platform.openai.com/account/api-keys.)");
        assertThat(r.err()).contains("Stage analysis stopped; resume with: vaa run --run-id r --resume")
                .doesNotContain("No call could be analysed");
        // not retried: at most the calls already in flight or queued for a slot were sent
        assertThat(server.getRequestCount()).isLessThanOrEqualTo(8);
        assertNothingFailedAndTheKeyNeverShows(r, "r");
        JsonNode status = Json.MAPPER.readTree(ws.resolve("runs/r/status.json").toFile());
        assertThat(status.at("/stages/analysis/status").asText()).isEqualTo("failed");
        assertThat(status.at("/stages/analysis/error").asText()).startsWith("The API key in OPENAI_API_KEY was rejected");
    }

    @Test
    void anUnknownModelNamesTheModelAndTheBaseUrlAndAnalyzeSaysHowToContinue() throws Exception {
        answerEveryRequest(openAiError(404, "The model `gpt-4o-mini` does not exist or you do not have access to it.",
                "model_not_found"));
        cli(server.url("/v1").toString()).run("sample", "-n", "6", "--seed", "4", "--source", SOURCE, "--run-id", "r");

        Cli.Result r = cli(server.url("/v1").toString()).run("analyze", "--run-id", "r", "--model", "openai:gpt-4o-mini");

        assertThat(r.code()).as(r.all()).isEqualTo(1);
        assertThat(lastLine(r.err())).isEqualTo("Model gpt-4o-mini not found at " + server.url("/v1")
                + " (404: The model `gpt-4o-mini` does not exist or you do not have access to it.)");
        assertThat(r.err()).contains("ERROR: Analysis stopped; once this is fixed, continue with: vaa analyze --run-id r");
        assertNothingFailedAndTheKeyNeverShows(r, "r");
    }

    @Test
    void aBaseUrlWhereNothingListensGivesTheConnectionErrorAtOnce() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String baseUrl = "http://127.0.0.1:" + closedPort + "/v1";
        long start = System.nanoTime();

        Cli.Result r = cli(baseUrl).run("run", "-n", "8", "--seed", "4", "--source", SOURCE, "--run-id", "r",
                "--model", "openai:gpt-4o-mini");

        assertThat(r.code()).as(r.all()).isEqualTo(1);
        assertThat(lastLine(r.err())).isEqualTo("Cannot connect to " + baseUrl + ": connection refused (is the server running?)");
        // no backoff: a connection refused before the endpoint ever answered is a wrong URL, not a hiccup
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
        assertNothingFailedAndTheKeyNeverShows(r, "r");
    }

    @Test
    void afterTheFixTheSameRunResumesAndAnalysesEveryCall() throws Exception {
        answerEveryRequest(openAiError(401, "Incorrect API key provided", "invalid_api_key"));
        Cli.Result failed = cli(server.url("/v1").toString())
                .run("run", "-n", "5", "--seed", "4", "--source", SOURCE, "--run-id", "r", "--model", "openai:gpt-4o-mini");
        assertThat(failed.code()).isEqualTo(1);

        try (OpenAiStub stub = new OpenAiStub(b -> OpenAiStub.judgement("resolved", "x"))) {
            Cli.Result resumed = Cli.in(ws).env(stub.env()).run("run", "--run-id", "r", "--resume", "--stages", "analyze");
            assertThat(resumed.code()).as(resumed.all()).isZero();
            assertThat(stub.requests.get()).isEqualTo(5);
        }
    }
}
