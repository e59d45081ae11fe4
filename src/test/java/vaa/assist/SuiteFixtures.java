package vaa.assist;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import vaa.io.Json;

/**
 * The demo campaign (customer_data/taskmaster/coffee-orders: two state files, conversations A and B)
 * copied into a test workspace, and model answers keyed by what a step's request shows, so that the
 * same step gets the same answer whatever order the suite's workers ask in.
 */
public final class SuiteFixtures {
    public static final String CAMPAIGN = "customer_data/taskmaster/coffee-orders";
    /** Conversation A: James's decaf mocha, 3 steps; B: a vanilla latte, 4 steps. */
    public static final String A = "dlg-558e32c5-2c96-4a5b-8816-89f567244a3f";
    public static final String B = "dlg-e3ad6649-b78f-4f81-b429-e0811d4a1ead";
    public static final String STATE_A = CAMPAIGN + "/state_experiments/" + A + ".state.json";
    public static final String STATE_B = CAMPAIGN + "/state_experiments/" + B + ".state.json";
    public static final int STEPS = 7;

    private SuiteFixtures() {}

    /**
     * The demo campaign in the workspace, and a local OpenAI-compatible server as its model "local",
     * answering each chat request with what {@code answer} makes of the request's body.
     */
    public static MockWebServer modelServer(Path workspace, Function<JsonNode, MockResponse> answer) throws IOException {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer.apply(json(request.getBody().readUtf8()));
            }
        });
        server.start();
        demoCampaign(workspace);
        AssistFixtures.localModel(workspace, server.url("/v1").toString());
        return server;
    }

    /** The two state files, their conversations and the speaker map, as vaa ships them. */
    public static void demoCampaign(Path workspace) {
        Path from = Path.of(CAMPAIGN);
        for (String rel : List.of("speaker_map.json", "state_experiments/" + A + ".state.json", "state_experiments/" + B + ".state.json",
                "processed_conversations/" + A + ".json", "processed_conversations/" + B + ".json")) {
            try {
                Path target = workspace.resolve(CAMPAIGN).resolve(rel);
                Files.createDirectories(target.getParent());
                Files.copy(from.resolve(rel), target);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Which step a chat request is for: "A2" for conversation A's second step. A step is known by its
     * conversation (a word only its transcript window holds) and the phase of the state it is shown.
     */
    public static String step(JsonNode chatRequest) {
        String user = chatRequest.path("messages").toString();
        String conversation = user.contains("mocha") ? "A" : user.contains("Latte") || user.contains("Vanilla") ? "B" : "?";
        Map<String, String> phases = conversation.equals("A")
                ? Map.of("opening", "1", "order_taking", "2", "order_correction", "3")
                : Map.of("opening", "1", "order_taking", "2", "customisation", "3", "confirmation", "4");
        for (Map.Entry<String, String> e : phases.entrySet()) {
            if (user.contains("\\\"phase\\\": \\\"" + e.getKey() + "\\\"")) {
                return conversation + e.getValue();
            }
        }
        throw new IllegalArgumentException("no known step in " + user);
    }

    /** Answers by step ("A2" → "show|order_fix\n..."), "skip" for the others. */
    public static Function<JsonNode, String> answers(Map<String, String> byStep) {
        return request -> byStep.getOrDefault(step(request), "skip");
    }

    public static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
