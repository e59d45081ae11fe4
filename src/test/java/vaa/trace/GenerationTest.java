package vaa.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vaa.io.Env;
import vaa.io.MessageSink;
import vaa.llm.ChatMessage;
import vaa.llm.LlmClient;
import vaa.llm.LlmException;
import vaa.llm.LlmOptions;
import vaa.llm.LlmRequest;
import vaa.llm.LlmRuntime;
import vaa.llm.ModelCatalog;
import vaa.llm.ResolvedModel;
import vaa.llm.Tracer;
import vaa.testing.OpenAiStub;
import vaa.testing.TraceCollector;
import vaa.testing.TraceCollector.Span;

/** One model call as a generation: what happened between its first attempt and its answer, and how it failed. */
class GenerationTest {
    private final MockWebServer model = new MockWebServer();
    private TraceCollector collector;
    private Env env;

    @BeforeEach
    void start() throws Exception {
        model.start();
        collector = new TraceCollector();
        env = Env.of(Map.of("OPENAI_BASE_URL", model.url("/v1").toString(), "OPENAI_API_KEY", "sk-test-key-123",
                "OTEL_EXPORTER_OTLP_ENDPOINT", collector.server.url("/").toString()));
    }

    @AfterEach
    void stop() throws Exception {
        model.shutdown();
        collector.close();
    }

    private ResolvedModel testModel() {
        return ModelCatalog.builtIn().resolve("openai:test-model", env);
    }

    private static LlmRequest request(Tracer.Span parent) {
        return LlmRequest.of(ChatMessage.user("hello")).traced(new Tracer.Call(parent, new Tracer.PromptRef("p", 2, "built-in", false), "ask"));
    }

    @Test
    void retriesAndRateLimitWaitsAreEventsOfTheGenerationThatSucceeded() {
        AtomicInteger calls = new AtomicInteger();
        model.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                return switch (calls.incrementAndGet()) {
                    case 1 -> new MockResponse().setResponseCode(429).setHeader("retry-after-ms", "30")
                            .setBody("{\"error\":{\"message\":\"slow down\"}}");
                    case 2 -> new MockResponse().setResponseCode(503).setHeader("retry-after-ms", "10")
                            .setBody("{\"error\":{\"message\":\"overloaded\"}}");
                    default -> OpenAiStub.sse("hi there");
                };
            }
        });
        Tracer tracer = Tracing.open(env, false, null, "test", MessageSink.NONE);
        try (LlmRuntime runtime = new LlmRuntime(LlmOptions.defaults(), tracer); Tracer.Span trace = tracer.trace(
                new Tracer.Start("ask", "run-1", "ask", "openai:test-model", null, Map.of()))) {
            assertThat(runtime.open(testModel()).complete(request(trace)).content()).isEqualTo("hi there");
        }
        tracer.close();

        Span g = collector.generations().get(0);
        assertThat(g.events()).extracting(TraceCollector.Event::name).containsExactly("rate_limited", "retry");
        assertThat(g.events().get(0).attributes()).containsEntry("attempt", 1L).containsEntry("http.response.status_code", 429L)
                .containsEntry("wait_ms", 30L);
        assertThat(g.events().get(1).attributes()).containsEntry("attempt", 2L).containsEntry("http.response.status_code", 503L);
        assertThat(g.attributes()).containsEntry("langfuse.observation.metadata.retries", 2L)
                .containsEntry("langfuse.observation.metadata.retry_wait_ms", 40L);
        assertThat(g.statusCode()).isZero();
        // a streamed answer's first token is timed
        Instant firstToken = Instant.parse(g.text("langfuse.observation.completion_start_time"));
        assertThat(firstToken.toEpochMilli() * 1_000_000).isBetween(g.startNanos() - 1_000_000, g.endNanos() + 1_000_000);
        assertThat(g.attributes()).containsKey("langfuse.observation.metadata.ttft_ms");
        // a prompt that did not come from Langfuse is named, never linked to a Langfuse prompt of the same name
        assertThat(g.attributes()).doesNotContainKey("langfuse.observation.prompt.name")
                .containsEntry("langfuse.observation.metadata.prompt_source", "built-in");
    }

    @Test
    void aFailedCallIsAnErrorGenerationWithTheProvidersMessageAndNoKey() {
        model.enqueue(new MockResponse().setResponseCode(401).setBody("{\"error\":{\"message\":\"Incorrect API key provided: sk-test-key-123\"}}"));
        Tracer tracer = Tracing.open(env, false, null, "test", MessageSink.NONE);
        try (LlmRuntime runtime = new LlmRuntime(LlmOptions.defaults(), tracer); Tracer.Span trace = tracer.trace(
                new Tracer.Start("ask", "run-1", "ask", "openai:test-model", null, Map.of()))) {
            LlmClient client = runtime.open(testModel());
            assertThatThrownBy(() -> client.complete(request(trace))).isInstanceOf(LlmException.class);
        }
        tracer.close();

        Span g = collector.generations().get(0);
        assertThat(g.statusCode()).isEqualTo(2);   // STATUS_CODE_ERROR
        assertThat(g.statusMessage()).contains("OPENAI_API_KEY was rejected", "401").doesNotContain("sk-test-key-123");
        assertThat(g.text("langfuse.observation.level")).isEqualTo("ERROR");
        assertThat(g.text("langfuse.observation.status_message")).isEqualTo(g.statusMessage());
        assertThat(g.attributes()).containsEntry("langfuse.observation.metadata.http_status", 401L);
        assertThat(collector.bodies).allSatisfy(b -> assertThat(b).doesNotContain("sk-test-key-123"));
    }

    @Test
    void aWaitForTheProvidersConcurrencyLimitIsAnEvent() throws Exception {
        model.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
                Thread.sleep(150);
                return OpenAiStub.sse("ok");
            }
        });
        Tracer tracer = Tracing.open(env, false, null, "test", MessageSink.NONE);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (LlmRuntime runtime = new LlmRuntime(LlmOptions.defaults().withWorkers(1), tracer); Tracer.Span trace = tracer.trace(
                new Tracer.Start("analysis", "run-1", "analysis", "openai:test-model", null, Map.of()))) {
            LlmClient client = runtime.open(testModel());
            List<Future<?>> calls = List.of(pool.submit(() -> client.complete(request(trace))), pool.submit(() -> client.complete(request(trace))));
            for (Future<?> f : calls) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        tracer.close();

        List<Span> generations = collector.generations();
        assertThat(generations).hasSize(2);
        assertThat(generations.stream().flatMap(g -> g.events().stream()).filter(e -> e.name().equals("slot_wait")).toList())
                .singleElement().satisfies(e -> assertThat((Long) e.attributes().get("wait_ms")).isGreaterThanOrEqualTo(50L));
    }
}
