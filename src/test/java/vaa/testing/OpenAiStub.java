package vaa.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import vaa.io.Json;

/**
 * A local server speaking OpenAI's streamed chat completions, answering each request with text
 * chosen by a function of the request body. Counts requests per call id for "never pays twice" checks.
 */
public final class OpenAiStub extends Dispatcher implements AutoCloseable {
    private static final Pattern CALL_ID = Pattern.compile("Call id: ([A-Za-z0-9._-]+)");

    public final MockWebServer server = new MockWebServer();
    public final Map<String, AtomicInteger> requestsByCall = new ConcurrentHashMap<>();
    public final AtomicInteger requests = new AtomicInteger();
    private final Function<JsonNode, String> answer;
    private volatile long delayMs;

    public OpenAiStub(Function<JsonNode, String> answer) throws IOException {
        this.answer = answer;
        server.setDispatcher(this);
        server.start();
    }

    public OpenAiStub delay(long ms) {
        this.delayMs = ms;
        return this;
    }

    /** Environment that points the {@code openai} provider at this server. */
    public Map<String, String> env() {
        return Map.of("OPENAI_BASE_URL", server.url("/v1").toString(), "OPENAI_API_KEY", "sk-test-key-123");
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        requests.incrementAndGet();
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(request.getBody().readUtf8());
        } catch (IOException e) {
            return new MockResponse().setResponseCode(400);
        }
        String text = body.path("messages").toString();
        Matcher m = CALL_ID.matcher(text);
        if (m.find()) {
            requestsByCall.computeIfAbsent(m.group(1), k -> new AtomicInteger()).incrementAndGet();
        }
        if (delayMs > 0) {
            Thread.sleep(delayMs);
        }
        String content = answer.apply(body);
        if (content == null) {
            return new MockResponse().setResponseCode(500).setBody("{\"error\":{\"message\":\"boom\"}}");
        }
        return sse(content);
    }

    public static MockResponse sse(String content) {
        StringBuilder b = new StringBuilder();
        int step = Math.max(1, content.length() / 3);
        for (int i = 0; i < content.length(); i += step) {
            b.append("data: ").append(chunk(content.substring(i, Math.min(content.length(), i + step)))).append("\n\n");
        }
        b.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":20,\"total_tokens\":120}}\n\n");
        b.append("data: [DONE]\n\n");
        return new MockResponse().setHeader("Content-Type", "text/event-stream").setHeader("x-request-id", "req_123").setBody(b.toString());
    }

    private static String chunk(String delta) {
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.put("id", "c1").put("object", "chat.completion.chunk").put("created", 1).put("model", "m");
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta").put("content", delta);
        choice.putNull("finish_reason");
        return c.toString();
    }

    /** A valid judgement quoting the given text. */
    public static String judgement(String outcome, String quote) {
        ObjectNode j = Json.MAPPER.createObjectNode();
        j.put("outcome", outcome).put("customer_intent", "check balance").put("task_completed", outcome.equals("resolved"))
                .put("escalation_requested", outcome.equals("escalated")).put("sentiment_start", "neutral").put("sentiment_end", "positive");
        ObjectNode f = j.putArray("friction_points").addObject();
        f.put("category", "repetition").put("description", "customer repeated the request").put("quote", quote).put("utterance_index", 1);
        j.putArray("agent_errors");
        j.put("summary", "The customer checked a balance.").putNull("failure_reason").put("improvement_suggestion", "Confirm sooner.");
        return j.toString();
    }

    public static List<String> callIds(OpenAiStub stub) {
        return List.copyOf(stub.requestsByCall.keySet());
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}
