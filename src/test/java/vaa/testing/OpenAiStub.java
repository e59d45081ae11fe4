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
 * A local server speaking OpenAI's chat completions, streamed or not as asked, answering each request with text
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
        server.setServerSocketFactory(new NoDelayServerSocketFactory());
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
        return reply(body.path("stream").asBoolean(false), content);
    }

    /** {@code content} as the client asked for it: streamed (SSE) or one JSON completion. */
    public static MockResponse reply(boolean stream, String content) {
        return stream ? sse(content) : whole(content);
    }

    /** {@link #reply} for a request body as received. */
    public static MockResponse reply(String requestBody, String content) {
        return reply(requestBody.contains("\"stream\":true"), content);
    }

    /** A non-streamed chat completion with the same usage as {@link #sse}. */
    public static MockResponse whole(String content) {
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.put("id", "c1").put("object", "chat.completion").put("created", 1).put("model", "m");
        c.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                .putObject("message").put("role", "assistant").put("content", content);
        c.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20).put("total_tokens", 120)
                .putObject("prompt_tokens_details").put("cached_tokens", 40);
        return new MockResponse().setHeader("Content-Type", "application/json").setHeader("x-request-id", "req_123").setBody(c.toString());
    }

    public static MockResponse sse(String content) {
        return sse(content, Math.max(1, content.length() / 3));
    }

    /** Streamed in chunks of {@code step} characters (a provider streams a token, ~4 characters, per chunk). */
    public static MockResponse sse(String content, int step) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < content.length(); i += step) {
            b.append("data: ").append(chunk(content.substring(i, Math.min(content.length(), i + step)))).append("\n\n");
        }
        b.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":20,\"total_tokens\":120,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":40}}}\n\n");
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

    /**
     * A plausible, varied judgement for a request, deterministic per call id: outcomes, friction and
     * agent errors spread over the categories, quotes taken from the transcript in the request.
     */
    public static String variedJudgement(JsonNode request) {
        String text = request.path("messages").toString();
        Matcher m = CALL_ID.matcher(text);
        String id = m.find() ? m.group(1) : "unknown";
        int h = Math.abs(id.hashCode());
        String[] outcomes = {"resolved", "resolved", "resolved", "partially_resolved", "unresolved", "escalated", "abandoned"};
        String outcome = outcomes[h % outcomes.length];
        String[] frictions = {"misunderstanding", "repetition", "long_wait", "verification", "missing_information", "customer_frustration"};
        String[] errors = {"wrong_information", "missed_intent", "no_confirmation", "failed_to_act"};
        Matcher line = Pattern.compile("\\[(\\d+)\\][^:]*?CUSTOMER[^:]*: ([^\\\\]{12,80})").matcher(text);
        String quote = line.find() ? line.group(2).strip() : "hello";
        int index = line.find(0) ? Integer.parseInt(line.group(1)) : 0;
        ObjectNode j = Json.MAPPER.createObjectNode();
        j.put("outcome", outcome).put("customer_intent", h % 2 == 0 ? "order a drink" : "check account balance")
                .put("task_completed", outcome.equals("resolved") || (outcome.equals("partially_resolved") && h % 2 == 0))
                .put("escalation_requested", outcome.equals("escalated") || h % 11 == 0)
                .put("sentiment_start", SENT[h % 3]).put("sentiment_end", outcome.equals("resolved") ? "positive" : SENT[(h / 3) % 2]);
        var fps = j.putArray("friction_points");
        if (!outcome.equals("resolved") || h % 4 == 0) {
            fps.addObject().put("category", frictions[h % frictions.length]).put("description", "The customer had to explain the request twice.")
                    .put("quote", quote).put("utterance_index", index);
        }
        var errs = j.putArray("agent_errors");
        if (outcome.equals("unresolved") || outcome.equals("abandoned")) {
            errs.addObject().put("category", errors[h % errors.length]).put("description", "The agent did not confirm the details.").put("utterance_index", index);
        }
        j.put("summary", "The customer called to " + j.get("customer_intent").asText() + "; the call ended " + outcome.replace('_', ' ') + ".");
        if (outcome.equals("resolved")) {
            j.putNull("failure_reason");
        } else {
            j.put("failure_reason", "The agent " + (h % 2 == 0 ? "misheard the order" : "could not verify the caller") + ".");
        }
        j.put("improvement_suggestion", h % 3 == 0 ? null : "Confirm the request back to the customer before acting.");
        return j.toString();
    }

    private static final String[] SENT = {"negative", "neutral", "positive"};

    public static List<String> callIds(OpenAiStub stub) {
        return List.copyOf(stub.requestsByCall.keySet());
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}
