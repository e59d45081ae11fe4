package vaa.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vaa.llm.FakeOpenAi.KEY;
import static vaa.llm.FakeOpenAi.answer;
import static vaa.llm.FakeOpenAi.error;
import static vaa.llm.FakeOpenAi.hello;
import static vaa.llm.FakeOpenAi.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.io.Json;

class ResponseCacheTest {
    @TempDir
    Path tmp;

    private MockWebServer server;
    private LlmRuntime runtime;
    private Path cacheDir;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        cacheDir = tmp.resolve("cache/llm");
        runtime = FakeOpenAi.runtime(FakeOpenAi.fastOptions().withCacheDir(cacheDir), new FakeOpenAi.RecordingSleeper());
    }

    @AfterEach
    void stop() throws IOException {
        runtime.close();
        server.shutdown();
    }

    @Test
    void aRepeatedRequestIsAnsweredFromTheCacheWithoutAnyHttpRequest() {
        server.enqueue(answer("Hel", "lo"));
        LlmClient client = runtime.open(model(server, KEY));

        LlmResponse first = client.complete(hello());
        LlmResponse second = runtime.open(model(server, KEY)).complete(hello());

        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(first.cached()).isFalse();
        assertThat(second.cached()).isTrue();
        assertThat(second.content()).isEqualTo(first.content());
        assertThat(second.usage()).isEqualTo(first.usage());
        assertThat(second.requestId()).isEqualTo(first.requestId());
        assertThat(second.ttftMs()).isEqualTo(first.ttftMs());
        assertThat(second.e2eMs()).isEqualTo(first.e2eMs());
    }

    @Test
    void aCachedAnswerReachesADeltaListenerAsOneDelta() {
        server.enqueue(answer("Hel", "lo"));
        LlmClient client = runtime.open(model(server, KEY));
        client.complete(hello());
        List<String> deltas = new ArrayList<>();

        client.complete(hello(), deltas::add);

        assertThat(deltas).containsExactly("Hello");
    }

    @Test
    void oneSmallJsonFilePerEntryWithoutTheKey() throws IOException {
        server.enqueue(answer("ok"));

        runtime.open(model(server, KEY)).complete(hello());

        List<Path> files;
        try (Stream<Path> s = Files.list(cacheDir)) {
            files = s.toList();
        }
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName().toString()).matches("[0-9a-f]{64}\\.json");
        String json = Files.readString(files.get(0));
        assertThat(json).contains("\"content\" : \"ok\"", "\"request_id\"", "\"ttft_ms\"", "\"prompt_tokens\" : 10");
        assertThat(json).doesNotContain(KEY).doesNotContain("SECRET");
    }

    @Test
    void failuresAreNotCached() {
        server.enqueue(error(400, "bad"));
        server.enqueue(answer("ok"));
        LlmClient client = runtime.open(model(server, KEY));

        assertThatThrownBy(() -> client.complete(hello())).isInstanceOf(LlmException.class);
        assertThat(client.complete(hello()).content()).isEqualTo("ok");

        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void anythingThatShapesTheAnswerChangesTheKey() {
        ResolvedModel model = model(server, KEY);
        String base = ResponseCache.key(model, hello());

        assertThat(ResponseCache.key(model, hello())).isEqualTo(base);
        assertThat(ResponseCache.key(model, hello().withParam("temperature", 0))).isNotEqualTo(base);
        assertThat(ResponseCache.key(model, LlmRequest.of(ChatMessage.user("hello")))).isNotEqualTo(base);
        assertThat(ResponseCache.key(new ResolvedModel(model.entry(), "http://elsewhere/v1", model.apiKey(), model.headers()), hello()))
                .isNotEqualTo(base);
        assertThat(ResponseCache.key(model, hello().withResponseFormat(
                new ResponseFormat("x", vaa.io.Json.MAPPER.createObjectNode(), true)))).isNotEqualTo(base);
    }

    @Test
    void theKeyIsTheHashOfTheCanonicalRequestSoCachesWrittenBeforeStillAnswer() {
        ResolvedModel model = model(server, KEY);
        ResponseFormat format = new ResponseFormat("judgement", Json.MAPPER.createObjectNode().put("type", "object")
                .set("properties", Json.MAPPER.createObjectNode().set("b", Json.MAPPER.createObjectNode().put("type", "string"))), true);
        for (LlmRequest request : List.of(hello(), hello().withResponseFormat(format).withParam("temperature", 0))) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("base_url", model.baseUrl()).put("model", model.model());
            ArrayNode messages = root.putArray("messages");
            request.messages().forEach(m -> messages.addObject().put("role", m.role()).put("content", m.content()));
            root.set("params", request.paramsFor(model));
            root.set("extra_body", model.extraBody());
            if (request.format().isPresent()) {
                root.putObject("response_format").put("name", "judgement").put("strict", true).set("schema", format.schema());
            } else {
                root.putNull("response_format");
            }

            assertThat(ResponseCache.key(model, request)).isEqualTo(ResponseCache.sha256(ResponseCache.canonical(root)));
        }
    }

    @Test
    void theKeyDoesNotDependOnTheKeyOrOnParameterOrder() {
        ResolvedModel a = model(server, KEY);
        ResolvedModel b = model(server, "sk-other-key");
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("temperature", 0.2);
        ab.put("seed", 1);
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("seed", 1);
        ba.put("temperature", 0.2);

        assertThat(ResponseCache.key(a, new LlmRequest(hello().messages(), null, ab)))
                .isEqualTo(ResponseCache.key(b, new LlmRequest(hello().messages(), null, ba)));
    }

    @Test
    void aDamagedEntryIsAMissAndGetsRewritten() throws IOException {
        ResolvedModel model = model(server, KEY);
        Files.createDirectories(cacheDir);
        Files.writeString(cacheDir.resolve(ResponseCache.key(model, hello()) + ".json"), "{not json");
        server.enqueue(answer("fresh"));

        assertThat(runtime.open(model).complete(hello()).content()).isEqualTo("fresh");
        assertThat(new ResponseCache(cacheDir).get(ResponseCache.key(model, hello()))).isPresent();
    }
}
