package vaa.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vaa.llm.FakeOpenAi.KEY;
import static vaa.llm.FakeOpenAi.answer;
import static vaa.llm.FakeOpenAi.body;
import static vaa.llm.FakeOpenAi.chunk;
import static vaa.llm.FakeOpenAi.finish;
import static vaa.llm.FakeOpenAi.hello;
import static vaa.llm.FakeOpenAi.model;
import static vaa.llm.FakeOpenAi.sse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vaa.io.Json;

class OpenAiCompatibleClientTest {
    private MockWebServer server;
    private LlmRuntime runtime;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        runtime = FakeOpenAi.runtime(FakeOpenAi.fastOptions(), new FakeOpenAi.RecordingSleeper());
    }

    @AfterEach
    void stop() throws IOException {
        runtime.close();
        server.shutdown();
    }

    @Test
    void streamsDeltasInOrderAndMeasuresTimeToFirstTokenBeforeTheEnd() throws Exception {
        String body = chunk("Hel") + chunk("lo") + chunk(" there") + finish(12, 3);
        // ~100 bytes every 60 ms: the first delta arrives well before the stream ends
        server.enqueue(sse(body).setHeader("x-request-id", "req_123").throttleBody(100, 60, TimeUnit.MILLISECONDS));
        List<String> deltas = new ArrayList<>();

        LlmResponse response = runtime.open(model(server, KEY)).complete(hello(), deltas::add);

        assertThat(deltas).containsExactly("Hel", "lo", " there");
        assertThat(response.content()).isEqualTo("Hello there");
        assertThat(response.ttftMs()).isPositive().isLessThan(response.e2eMs());
        assertThat(response.e2eMs() - response.ttftMs()).isGreaterThanOrEqualTo(100);
        assertThat(response.usage()).isEqualTo(new LlmResponse.Usage(12, 3, 15));
        assertThat(response.requestId()).isEqualTo("req_123");
        assertThat(response.model()).isEqualTo("test-model");
        assertThat(response.cached()).isFalse();
    }

    @Test
    void aBatchRequestIsAskedWithoutStreamingAndItsAnswerHasAnEndToEndTimeButNoTimeToFirstToken() throws Exception {
        server.enqueue(FakeOpenAi.whole("{\"a\":1}").setHeader("x-request-id", "req_9").setBodyDelay(120, TimeUnit.MILLISECONDS));
        List<String> deltas = new ArrayList<>();

        LlmResponse response = runtime.open(model(server, KEY)).complete(hello().unstreamed(), deltas::add);

        JsonNode json = body(server.takeRequest());
        assertThat(json.path("stream").asBoolean(false)).isFalse();
        assertThat(json.has("stream_options")).isFalse();   // OpenAI refuses stream_options without streaming
        assertThat(response.content()).isEqualTo("{\"a\":1}");
        assertThat(deltas).containsExactly("{\"a\":1}");
        assertThat(response.ttftMs()).isNull();
        assertThat(response.e2eMs()).isGreaterThanOrEqualTo(100);
        assertThat(response.usage()).isEqualTo(new LlmResponse.Usage(10, 1, 11));
        assertThat(response.requestId()).isEqualTo("req_9");
        assertThat(response.model()).isEqualTo("test-model");
    }

    @Test
    void aBatchAnswerWithoutContentIsAnErrorLikeAStreamedOne() {
        server.enqueue(FakeOpenAi.whole(""));

        assertThatThrownBy(() -> runtime.open(model(server, KEY)).complete(hello().unstreamed()))
                .isInstanceOf(LlmException.class).hasMessageContaining("no content");
    }

    @Test
    void requestIdFallsBackToTheCompletionIdWithoutTheHeader() {
        server.enqueue(answer("ok"));

        LlmResponse response = runtime.open(model(server, KEY)).complete(hello());

        assertThat(response.requestId()).isEqualTo("chatcmpl-abc");
    }

    @Test
    void postsAStreamingChatCompletionWithUsageRequestedAndTheKeyAsBearer() throws Exception {
        server.enqueue(answer("ok"));

        runtime.open(model(server, KEY)).complete(hello());

        RecordedRequest request = server.takeRequest();
        assertThat(request.getPath()).isEqualTo("/v1/chat/completions");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
        JsonNode json = body(request);
        assertThat(json.path("model").asText()).isEqualTo("test-model");
        assertThat(json.path("stream").asBoolean()).isTrue();
        assertThat(json.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(json.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(json.path("messages").get(0).path("content").asText()).isEqualTo("be brief");
        assertThat(json.path("messages").get(1).path("role").asText()).isEqualTo("user");
        assertThat(json.path("messages").get(1).path("content").asText()).isEqualTo("hello");
    }

    @Test
    void sendsTheCatalogParametersTypedOrAsGivenAndExtraBodyVerbatim() throws Exception {
        ModelCatalog catalog = ModelCatalog.builtIn();
        server.enqueue(answer("a"));
        server.enqueue(answer("b"));
        server.enqueue(answer("c"));

        runtime.open(FakeOpenAi.model(server, catalog.entry("1"))).complete(hello());
        runtime.open(FakeOpenAi.model(server, catalog.entry("8"))).complete(hello());
        runtime.open(FakeOpenAi.model(server, catalog.entry("7"))).complete(hello());

        JsonNode groq = body(server.takeRequest());
        assertThat(groq.path("temperature").asDouble()).isEqualTo(1.0);
        assertThat(groq.path("max_completion_tokens").asLong()).isEqualTo(8192);
        assertThat(groq.path("top_p").asDouble()).isEqualTo(1.0);
        assertThat(groq.has("reasoning_effort")).isFalse();

        JsonNode fireworks = body(server.takeRequest());
        assertThat(fireworks.path("top_k").asInt()).isEqualTo(40);
        assertThat(fireworks.path("max_tokens").asInt()).isEqualTo(4000);
        assertThat(fireworks.path("reasoning_effort").isInt()).isTrue();
        assertThat(fireworks.path("reasoning_effort").asInt()).isEqualTo(1024);

        JsonNode gemini = body(server.takeRequest());
        assertThat(gemini.at("/extra_body/google/thinking_config/thinking_budget").asInt()).isEqualTo(1024);
        assertThat(gemini.has("reasoning_effort")).isFalse();
    }

    @Test
    void perCallOverridesReplaceOrRemoveCatalogParameters() throws Exception {
        server.enqueue(answer("ok"));
        LlmRequest request = hello().withParam("temperature", 0).withParam("top_p", null).withParam("seed", 7);

        runtime.open(FakeOpenAi.model(server, ModelCatalog.builtIn().entry("1"))).complete(request);

        JsonNode json = body(server.takeRequest());
        assertThat(json.path("temperature").asDouble()).isEqualTo(0.0);
        assertThat(json.has("top_p")).isFalse();
        assertThat(json.path("seed").asInt()).isEqualTo(7);
    }

    @Test
    void geminiReasoningEffortIsSentAsTheStandardParameter() throws Exception {
        server.enqueue(answer("ok"));

        runtime.open(FakeOpenAi.model(server, ModelCatalog.builtIn().entry("3"))).complete(hello());

        assertThat(body(server.takeRequest()).path("reasoning_effort").asText()).isEqualTo("minimal");
    }

    @Test
    void jsonSchemaResponseFormatIsSentWhenTheModelSupportsIt() throws Exception {
        server.enqueue(answer("{}"));
        JsonNode schema = Json.MAPPER.readTree("{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}}}");

        runtime.open(model(server, KEY)).complete(hello().withResponseFormat(new ResponseFormat("verdict", schema, true)));

        JsonNode format = body(server.takeRequest()).path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.at("/json_schema/name").asText()).isEqualTo("verdict");
        assertThat(format.at("/json_schema/strict").asBoolean()).isTrue();
        assertThat(format.at("/json_schema/schema")).isEqualTo(schema);
    }

    @Test
    void responseFormatIsLeftOutForModelsWithoutJsonSchemaSupport() throws Exception {
        ModelEntry e = ModelCatalog.builtIn().entry("groq:test-model");
        ModelEntry noSchema = new ModelEntry(e.key(), e.label(), e.provider(), e.model(), e.baseUrl(), e.apiKeyEnv(),
                e.params(), e.extraBody(), false, e.auth(), e.headers(), e.apiVersion(), e.limits());
        server.enqueue(answer("{}"));

        runtime.open(FakeOpenAi.model(server, noSchema))
                .complete(hello().withResponseFormat(new ResponseFormat("x", Json.MAPPER.createObjectNode(), true)));

        assertThat(body(server.takeRequest()).has("response_format")).isFalse();
    }

    @Test
    void anAnswerWithoutContentIsAnErrorNamingTheTokenLimit() {
        server.enqueue(sse(finish(5, 0).replace("\"stop\"", "\"length\"")));

        assertThatThrownBy(() -> runtime.open(model(server, KEY)).complete(hello()))
                .isInstanceOf(LlmException.class)
                .hasMessageContaining("no content")
                .hasMessageContaining("finish_reason=length");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aLocalServerWithoutKeyIsCalledWithoutConfiguringOne() throws Exception {
        ModelEntry ollama = ModelCatalog.builtIn().entry("ollama:llama3.2");
        server.enqueue(answer("hi"));

        LlmResponse response = runtime.open(new ResolvedModel(ollama, server.url("/v1").toString(), java.util.Optional.empty(), RequestHeaders.NONE))
                .complete(hello());

        assertThat(response.content()).isEqualTo("hi");
        assertThat(body(server.takeRequest()).path("model").asText()).isEqualTo("llama3.2");
    }

    @Test
    void httpClientsAreBuiltOnFirstUseAndSharedPerBaseUrlAndKey() {
        server.enqueue(answer("a"));
        server.enqueue(answer("b"));
        LlmClient first = runtime.open(model(server, KEY));
        LlmClient second = runtime.open(model(server, KEY));
        assertThat(runtime.httpClients()).isZero();

        first.complete(hello());
        second.complete(hello());

        assertThat(runtime.httpClients()).isEqualTo(1);
    }
}
