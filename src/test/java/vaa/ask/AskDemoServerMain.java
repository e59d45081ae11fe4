package vaa.ask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import vaa.io.Json;

/**
 * For trying {@code vaa ask} by hand without an API key: a local OpenAI-compatible server that
 * streams, word by word, an answer citing the first calls it was shown (and one invented id, to
 * show the citation check). Prints the environment to use; runs until killed.
 * Usage: AskDemoServerMain [PORT]
 */
public final class AskDemoServerMain {
    public static void main(String[] args) throws Exception {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    return stream(answer(Json.MAPPER.readTree(request.getBody().readUtf8())));
                } catch (IOException e) {
                    return new MockResponse().setResponseCode(400);
                }
            }
        });
        server.start(args.length > 0 ? Integer.parseInt(args[0]) : 0);
        System.out.println("OPENAI_BASE_URL=" + server.url("/v1") + " OPENAI_API_KEY=demo  (then: vaa ask --model openai:demo ...)");
        new CountDownLatch(1).await();
    }

    static String answer(JsonNode request) {
        List<String> ids = AskFixtures.contextIds(request);
        if (ids.isEmpty()) {
            return "No call matched the words of the question, so I can only go by the metrics above.";
        }
        String a = ids.get(0);
        String b = ids.size() > 1 ? ids.get(1) : a;
        return "Most of the failing calls break down at the same point: the agent does not confirm what the customer asked for, "
                + "so the customer has to repeat it [" + a + "]. In others the agent cannot act on the request at all and the call ends "
                + "unresolved or is handed over [" + b + "].\n\n- Confirm the request back before acting [" + a + "].\n"
                + "- Add the missing capability, or hand over sooner [" + b + "] [call-that-does-not-exist].";
    }

    /** One SSE chunk per word, trickled out, so the answer streams visibly. */
    static MockResponse stream(String content) {
        StringBuilder b = new StringBuilder();
        for (String word : content.split("(?<= )")) {
            ObjectNode c = Json.MAPPER.createObjectNode().put("id", "demo").put("object", "chat.completion.chunk").put("created", 1).put("model", "demo");
            ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
            choice.putObject("delta").put("content", word);
            b.append("data: ").append(c).append("\n\n");
        }
        b.append("data: {\"id\":\"demo\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"demo\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":1500,\"completion_tokens\":90,\"total_tokens\":1590}}\n\ndata: [DONE]\n\n");
        return new MockResponse().setHeader("Content-Type", "text/event-stream").setBody(b.toString())
                .setHeadersDelay(1500, TimeUnit.MILLISECONDS).throttleBody(160, 60, TimeUnit.MILLISECONDS);
    }
}
