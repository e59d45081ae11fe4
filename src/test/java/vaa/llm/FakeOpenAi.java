package vaa.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import vaa.io.Json;

/** Test helpers: OpenAI chat-completions SSE responses, a recording sleeper, models aimed at a MockWebServer. */
final class FakeOpenAi {
    static final String KEY = "sk-test-SECRET-0123456789";

    private FakeOpenAi() {}

    static String chunk(String content) {
        ObjectNode chunk = base();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta").put("content", content);
        choice.putNull("finish_reason");
        return "data: " + compact(chunk) + "\n\n";
    }

    static String finish(long prompt, long completion) {
        ObjectNode chunk = base();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta");
        choice.put("finish_reason", "stop");
        ObjectNode usageChunk = base();
        usageChunk.putArray("choices");
        usageChunk.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        return "data: " + compact(chunk) + "\n\n" + "data: " + compact(usageChunk) + "\n\n" + "data: [DONE]\n\n";
    }

    /** A complete streamed answer made of the given deltas, with usage 10/n. */
    static MockResponse answer(String... deltas) {
        StringBuilder body = new StringBuilder();
        for (String d : deltas) {
            body.append(chunk(d));
        }
        body.append(finish(10, deltas.length));
        return sse(body.toString());
    }

    /** A complete non-streamed answer (one JSON document), with usage 10/1. */
    static MockResponse whole(String content) {
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.put("id", "chatcmpl-abc").put("object", "chat.completion").put("created", 1).put("model", "test-model");
        c.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                .putObject("message").put("role", "assistant").put("content", content);
        c.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 1).put("total_tokens", 11);
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(compact(c));
    }

    static MockResponse sse(String body) {
        return new MockResponse().setHeader("Content-Type", "text/event-stream").setBody(body);
    }

    static MockResponse error(int status, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("error").put("message", message).put("type", "error");
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody(compact(body));
    }

    static JsonNode body(RecordedRequest request) throws IOException {
        return Json.MAPPER.readTree(request.getBody().readUtf8());
    }

    static ResolvedModel model(MockWebServer server, String key) {
        ModelEntry entry = ModelCatalog.builtIn().entry("groq:test-model");
        return new ResolvedModel(entry, server.url("/v1").toString(), Optional.of(ApiKey.of(key)), RequestHeaders.NONE);
    }

    static ResolvedModel model(MockWebServer server, ModelEntry entry) {
        return new ResolvedModel(entry, server.url("/v1/").toString(), Optional.of(ApiKey.of(KEY)), RequestHeaders.NONE);
    }

    static LlmRuntime runtime(LlmOptions options, RecordingSleeper sleeper) {
        return new LlmRuntime(options, sleeper, new SplittableRandom(42), Clock.systemUTC());
    }

    static LlmOptions fastOptions() {
        return LlmOptions.defaults().withReadTimeout(Duration.ofSeconds(5));
    }

    static LlmRequest hello() {
        return LlmRequest.of(ChatMessage.system("be brief"), ChatMessage.user("hello"));
    }

    private static ObjectNode base() {
        ObjectNode chunk = Json.MAPPER.createObjectNode();
        chunk.put("id", "chatcmpl-abc");
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", 1_700_000_000L);
        chunk.put("model", "test-model");
        return chunk;
    }

    private static String compact(JsonNode node) {
        return ResponseCache.canonical(node);
    }

    /** Records the waits instead of sleeping, and moves its clock on by each. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong nanos = new AtomicLong();

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
            nanos.addAndGet(duration.toNanos());
        }

        @Override
        public long nanoTime() {
            return nanos.get();
        }
    }
}
