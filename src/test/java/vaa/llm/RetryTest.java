package vaa.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vaa.llm.FakeOpenAi.KEY;
import static vaa.llm.FakeOpenAi.answer;
import static vaa.llm.FakeOpenAi.chunk;
import static vaa.llm.FakeOpenAi.error;
import static vaa.llm.FakeOpenAi.hello;
import static vaa.llm.FakeOpenAi.model;
import static vaa.llm.FakeOpenAi.sse;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vaa.VaaException;
import vaa.io.Env;

class RetryTest {
    private MockWebServer server;
    private FakeOpenAi.RecordingSleeper sleeper;
    private LlmRuntime runtime;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        sleeper = new FakeOpenAi.RecordingSleeper();
        runtime = FakeOpenAi.runtime(FakeOpenAi.fastOptions(), sleeper);
    }

    @AfterEach
    void stop() throws IOException {
        runtime.close();
        server.shutdown();
    }

    private LlmClient client() {
        return runtime.open(model(server, KEY));
    }

    @Test
    void rateLimitIsRetriedAfterTheWaitTheProviderAsksFor() {
        server.enqueue(error(429, "slow down").setHeader("Retry-After", "7"));
        server.enqueue(answer("ok"));

        LlmResponse response = client().complete(hello());

        assertThat(response.content()).isEqualTo("ok");
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterMsTakesPrecedenceOverRetryAfter() {
        server.enqueue(error(429, "slow down").setHeader("retry-after-ms", "1500").setHeader("Retry-After", "9"));
        server.enqueue(answer("ok"));

        client().complete(hello());

        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(1500));
    }

    @Test
    void serverErrorIsRetriedWithABoundedJitteredBackoff() {
        server.enqueue(error(500, "boom"));
        server.enqueue(error(503, "busy"));
        server.enqueue(answer("ok"));

        assertThat(client().complete(hello()).content()).isEqualTo("ok");

        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(sleeper.waits).hasSize(2);
        assertThat(sleeper.waits.get(0)).isBetween(Duration.ZERO, Duration.ofSeconds(1));
        assertThat(sleeper.waits.get(1)).isBetween(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Test
    void badRequestIsNotRetriedAndReportedPlainly() {
        server.enqueue(error(400, "max_tokens is too large"));

        assertThatThrownBy(() -> client().complete(hello()))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.exitCode()).isEqualTo(VaaException.FAILURE);
                })
                .hasMessage("HTTP 400 from " + server.getHostName() + ": max_tokens is too large");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void unauthorizedSaysTheKeyWasRejectedButNeverShowsItAndIsNotRetried() {
        server.enqueue(error(401, "Incorrect API key provided: " + KEY + ". Or was it sk-proj-abcd****wxyz?"));

        assertThatThrownBy(() -> client().complete(hello()))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.affectsEveryCall()).isTrue())
                .hasMessage("The API key was rejected by " + server.getHostName()
                        + " (401: Incorrect API key provided: [redacted]. Or was it [redacted]?)")
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("SECRET").doesNotContain("abcd****wxyz");
                    assertThat(String.valueOf(e)).doesNotContain("SECRET");
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void errorWithoutJsonBodyUsesAPlainPhrase() {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("<html>nope</html>"));

        assertThatThrownBy(() -> client().complete(hello()))
                .hasMessage("Nothing found at " + server.url("/v1") + " for model test-model (404: not found);"
                        + " check the base URL and the model id");
    }

    @Test
    void timeoutsAreRetriedAndThenFailCleanly() {
        runtime.close();
        runtime = FakeOpenAi.runtime(LlmOptions.defaults().withReadTimeout(Duration.ofMillis(300)).withMaxAttempts(3), sleeper);
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        }

        assertThatThrownBy(() -> client().complete(hello()))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.attempts()).isEqualTo(3);
                })
                .hasMessage("No response from " + server.getHostName() + ": timed out (gave up after 3 attempts)");
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(sleeper.waits).hasSize(2);
    }

    @Test
    void givesUpAfterTheConfiguredNumberOfAttempts() {
        runtime.close();
        runtime = FakeOpenAi.runtime(FakeOpenAi.fastOptions().withMaxAttempts(2), sleeper);
        server.enqueue(error(503, "overloaded"));
        server.enqueue(error(503, "overloaded"));
        server.enqueue(answer("never reached"));

        assertThatThrownBy(() -> client().complete(hello()))
                .hasMessage("HTTP 503 from " + server.getHostName() + ": overloaded (gave up after 2 attempts)");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aRetryAfterLongerThanTheCapIsReportedInsteadOfWaitedFor() {
        server.enqueue(error(429, "daily quota").setHeader("Retry-After", "86400"));

        assertThatThrownBy(() -> client().complete(hello())).hasMessageContaining("HTTP 429");
        assertThat(sleeper.waits).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aStreamBrokenAfterDeltasReachedTheCallerIsNotRetried() {
        server.enqueue(sse(chunk("partial ") + chunk("answer") + "data: {\"broken").setSocketPolicy(
                SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
        server.enqueue(answer("second try"));
        List<String> shown = new ArrayList<>();

        assertThatThrownBy(() -> client().complete(hello(), shown::add)).isInstanceOf(LlmException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aBrokenStreamWithoutAListeningCallerIsRetried() {
        server.enqueue(sse(chunk("partial ") + chunk("answer") + "data: {\"broken").setSocketPolicy(
                SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
        server.enqueue(answer("second try"));

        assertThat(client().complete(hello()).content()).isEqualTo("second try");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void anErrorEventInsideTheStreamIsRetried() {
        server.enqueue(sse(chunk("par") + "data: {\"error\":{\"message\":\"The model is overloaded\",\"code\":503}}\n\n"));
        server.enqueue(answer("whole answer"));

        assertThat(client().complete(hello()).content()).isEqualTo("whole answer");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void anErrorEventIsReportedWithTheProviderMessageWhenAttemptsRunOut() {
        runtime.close();
        runtime = FakeOpenAi.runtime(FakeOpenAi.fastOptions().withMaxAttempts(1), sleeper);
        server.enqueue(sse("data: {\"error\":{\"message\":\"The model is overloaded\",\"code\":503}}\n\n"));

        assertThatThrownBy(() -> client().complete(hello()))
                .isInstanceOf(LlmException.class)
                .hasMessageContaining("The model is overloaded");
    }

    @Test
    void interruptingTheCallerAbortsABackoffWaitPromptly() throws Exception {
        // the real sleeper: a 60 s Retry-After that only an interrupt can cut short
        runtime.close();
        runtime = new LlmRuntime(FakeOpenAi.fastOptions());
        server.enqueue(error(429, "slow down").setHeader("Retry-After", "60"));
        LlmClient client = client();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                client.complete(hello());
                outcome.complete(null);
            } catch (RuntimeException e) {
                outcome.complete(e);
            }
        });
        worker.start();
        server.takeRequest(5, TimeUnit.SECONDS);
        Thread.sleep(200);
        long start = System.nanoTime();
        worker.interrupt();

        Throwable thrown = outcome.get(5, TimeUnit.SECONDS);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2000);
        assertThat(thrown).isInstanceOfSatisfying(LlmException.class,
                e -> assertThat(e.exitCode()).isEqualTo(VaaException.INTERRUPTED));
    }

    @Test
    void fullJitterStaysWithinTheExponentialCeiling() {
        RetryPolicy policy = RetryPolicy.of(5);
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (int attempt = 1; attempt <= 10; attempt++) {
            long ceiling = Math.min(30_000, 1000L << (attempt - 1));
            for (int i = 0; i < 50; i++) {
                assertThat(policy.backoff(attempt, random).toMillis()).isBetween(0L, ceiling);
            }
        }
    }

    /** groq:llama-x with its key from GROQ_API_KEY, aimed at the mock server. */
    private LlmClient keyFromEnvironment() {
        ResolvedModel groq = ModelCatalog.builtIn().resolve("groq:llama-x", Env.of(Map.of("GROQ_API_KEY", "gsk_0123456789")));
        return runtime.open(new ResolvedModel(groq.entry(), server.url("/openai/v1").toString(), groq.apiKey(), groq.headers()));
    }

    private static MockResponse jsonError(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            401 groq | 401 | {"error":{"message":"Invalid API Key","type":"invalid_request_error","code":"invalid_api_key"}} \
                | The API key in GROQ_API_KEY was rejected by {host} (401: Invalid API Key)
            403 | 403 | {"error":{"message":"Project does not have access to model"}} \
                | The API key in GROQ_API_KEY is not allowed to use model llama-x at {host} (403: Project does not have access to model)
            404 gemini list | 404 | [{"error":{"code":404,"message":"models/llama-x is not found for API version v1main","status":"NOT_FOUND"}}] \
                | Model llama-x not found at {base} (404: models/llama-x is not found for API version v1main)
            404 ollama | 404 | {"error":{"message":"model \\"llama-x\\" not found, try pulling it first","type":"api_error"}} \
                | Model llama-x not found at {base} (404: model "llama-x" not found, try pulling it first)
            400 code | 400 | {"error":{"message":"The model `llama-x` does not exist","code":"model_not_found"}} \
                | Model llama-x not found at {base} (400: The model `llama-x` does not exist)
            400 mistral | 400 | {"message":"Invalid model: llama-x"} \
                | Model llama-x not found at {base} (400: Invalid model: llama-x)
            404 wrong path | 404 | {"error":{"message":"Invalid URL (POST /openai/v1/chat/completions)"}} \
                | Nothing found at {base} for model llama-x (404: Invalid URL (POST /openai/v1/chat/completions)); check the base URL and the model id
            """)
    void aSettingEveryCallWouldTripOnIsNamedAndNotRetried(String name, int status, String body, String expected) {
        server.enqueue(jsonError(status, body));

        assertThatThrownBy(() -> keyFromEnvironment().complete(hello()))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.affectsEveryCall()).isTrue();
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(status);
                })
                .hasMessage(expected.replace("{host}", server.getHostName()).replace("{base}", server.url("/openai/v1").toString()));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aBadRequestAboutAParameterIsThisCallsProblemNotTheModels() {
        server.enqueue(jsonError(400, "{\"error\":{\"message\":\"Unsupported parameter: 'max_tokens' is not supported with this model.\"}}"));

        assertThatThrownBy(() -> keyFromEnvironment().complete(hello()))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.affectsEveryCall()).isFalse())
                .hasMessage("HTTP 400 from " + server.getHostName() + ": Unsupported parameter: 'max_tokens' is not supported with this model.");
    }

    @Test
    void aRefusedConnectionAfterTheEndpointHasAnsweredIsAHiccupAndRetried() throws IOException {
        server.enqueue(answer("ok"));
        LlmClient client = keyFromEnvironment();
        assertThat(client.complete(hello()).content()).isEqualTo("ok");
        server.shutdown();

        assertThatThrownBy(() -> client.complete(hello()))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.affectsEveryCall()).isFalse())
                .hasMessage("No response from " + server.getHostName() + ": connection refused (is the server running?)"
                        + " (gave up after 5 attempts)");
        assertThat(sleeper.waits).hasSize(4);
    }

    @Test
    void anUnknownHostBeforeAnyAnswerNamesTheBaseUrl() {
        ResolvedModel groq = ModelCatalog.builtIn().resolve("groq:llama-x", Env.of(Map.of("GROQ_API_KEY", "gsk_0123456789")));
        LlmClient client = runtime.open(new ResolvedModel(groq.entry(), "http://no-such-host.invalid/v1", groq.apiKey(), groq.headers()));

        assertThatThrownBy(() -> client.complete(hello()))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.affectsEveryCall()).isTrue())
                .hasMessage("Cannot connect to http://no-such-host.invalid/v1: unknown host");
        assertThat(sleeper.waits).isEmpty();
    }
}
