package vaa.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import vaa.io.Json;

/** A batch request line holds the very body a live call sends; an output line's body reads as a live answer does. */
class BatchApiTest {
    @Test
    void aRequestLineCarriesTheLiveUnstreamedBodyWithItsParametersExtraBodyAndSchema() throws Exception {
        ObjectNode params = Json.MAPPER.createObjectNode().put("temperature", 0.2).put("max_completion_tokens", 900).put("top_k", 40);
        ObjectNode extra = Json.MAPPER.createObjectNode();
        extra.putObject("thinking").put("type", "disabled");
        ModelEntry entry = new ModelEntry("m", "m", "openai", "test-model", "http://x/v1", List.of(), params, extra, true,
                Auth.BEARER, Map.of(), null, StatedLimits.NONE);
        LlmRequest request = LlmRequest.of(ChatMessage.system("judge"), ChatMessage.user("Call id: c1"))
                .withResponseFormat(new ResponseFormat("call_judgement", Json.MAPPER.createObjectNode().put("type", "object"), false))
                .unstreamed();
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(FakeOpenAi.whole("{}"));
            server.start();
            ResolvedModel model = new ResolvedModel(entry, server.url("/v1").toString(), Optional.of(ApiKey.of(FakeOpenAi.KEY)),
                    RequestHeaders.NONE);
            try (LlmRuntime runtime = new LlmRuntime(LlmOptions.defaults())) {
                runtime.open(model).complete(request);
            }
            JsonNode live = FakeOpenAi.body(server.takeRequest());
            JsonNode line = Json.MAPPER.readTree(BatchApi.line(model, request, "c1"));
            assertThat(line.path("custom_id").asText()).isEqualTo("c1");
            assertThat(line.path("method").asText()).isEqualTo("POST");
            assertThat(line.path("url").asText()).isEqualTo("/v1/chat/completions");
            assertThat(line.path("body")).isEqualTo(live);
            assertThat(live.path("stream").asBoolean(false)).isFalse();
            assertThat(live.at("/thinking/type").asText()).isEqualTo("disabled");
            assertThat(live.path("top_k").asInt()).isEqualTo(40);
            assertThat(live.at("/response_format/json_schema/name").asText()).isEqualTo("call_judgement");
        }
    }

    @Test
    void anOutputBodyReadsAsALiveAnswerAndOneWithoutContentFailsLikeOne() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            ResolvedModel model = FakeOpenAi.model(server, FakeOpenAi.KEY);
            BatchApi api = new LlmRuntime(LlmOptions.defaults()).batchApi(model);
            JsonNode body = Json.MAPPER.readTree("""
                    {"id": "chatcmpl-1", "model": "test-model-2025", "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": "{\\"ok\\": true}"}}],
                     "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120,
                               "prompt_tokens_details": {"cached_tokens": 64}}}""");
            LlmResponse r = api.answer(body, "req_1");
            assertThat(r.content()).isEqualTo("{\"ok\": true}");
            assertThat(r.usage()).isEqualTo(new LlmResponse.Usage(100, 20, 120, 64));
            assertThat(r.requestId()).isEqualTo("req_1");
            assertThat(r.model()).isEqualTo("test-model-2025");
            assertThat(r.cached()).isFalse();
            assertThat(api.answer(body, null).requestId()).isEqualTo("chatcmpl-1");

            JsonNode empty = Json.MAPPER.readTree("{\"choices\": [{\"finish_reason\": \"length\", \"message\": {\"content\": null}}]}");
            assertThatThrownBy(() -> api.answer(empty, "req_2")).hasMessageContaining("finish_reason=length");
        }
    }

    @Test
    void theCatalogSaysWhichProvidersHaveABatchApiAndAWorkspaceCanAddOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path ws)
            throws Exception {
        ModelCatalog builtIn = ModelCatalog.builtIn();
        assertThat(builtIn.providers().get("openai").batchApi()).contains(new BatchLimits(50_000, 209_715_200));
        assertThat(builtIn.providers().get("groq").batchApi()).isPresent();
        assertThat(builtIn.providers().get("ollama").batchApi()).isEmpty();
        java.nio.file.Files.writeString(ws.resolve(ModelCatalog.OVERRIDE_FILE),
                "{\"providers\": {\"fireworks\": {\"batch\": {\"max_requests\": 10, \"max_bytes\": 1000}}, \"openai\": {\"batch\": null}}}");
        ModelCatalog local = ModelCatalog.load(ws);
        assertThat(local.providers().get("fireworks").batchApi()).contains(new BatchLimits(10, 1000));
        assertThat(local.providers().get("openai").batchApi()).isEmpty();
        java.nio.file.Files.writeString(ws.resolve(ModelCatalog.OVERRIDE_FILE), "{\"providers\": {\"groq\": {\"batch\": {\"max_requests\": 0}}}}");
        assertThatThrownBy(() -> ModelCatalog.load(ws)).hasMessageContaining("\"batch\" must be {\"max_requests\": N, \"max_bytes\": N}");
    }
}
