package vaa.assist;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import vaa.io.Json;

/**
 * Test data for assist: a small campaign on disk, and what a Langfuse server and an
 * OpenAI-compatible server send back (prompt JSON, SSE chat-completion streams).
 */
public final class AssistFixtures {
    public static final String STEM = "conv_1";
    public static final String STATE_REL = "customer_data/acme/solar/state_experiments/conv_1_incremental.state.json";

    /** Six utterances; the seller (speaker 1) speaks twice in a row at 2 and 3, utterance 4 is empty. */
    public static final List<String[]> UTTERANCES = List.of(
            new String[] {"1", "Hej, det er Mads fra Solenergi."},
            new String[] {"2", "Hej."},
            new String[] {"1", "Har du tænkt over solceller?"},
            new String[] {"1", "Mange sparer 40 procent."},
            new String[] {"2", ""},
            new String[] {"2", "Det lyder dyrt."},
            new String[] {"1", "Det forstår jeg godt."},
            new String[] {"2", "Og min kone skal også spørges."});

    private AssistFixtures() {}

    /** {@code customer_data/acme/solar/} with the conversation, a speaker map and a three-step state file. */
    public static Path campaign(Path workspace) {
        Path dir = workspace.resolve("customer_data/acme/solar");
        ObjectNode conv = Json.MAPPER.createObjectNode();
        conv.put("audio_stem", STEM);
        ArrayNode utterances = conv.putObject("conversation").putArray("utterances");
        for (String[] u : UTTERANCES) {
            utterances.addObject().put("speaker_id", Integer.parseInt(u[0])).put("cleaned_text", u[1]);
        }
        write(dir.resolve("processed_conversations/" + STEM + ".json"), Json.pretty(conv));
        write(dir.resolve("speaker_map.json"), "{\"" + STEM + "\": true}\n");
        write(workspace.resolve(STATE_REL), stateFile(List.of(1, 5, 7)));
        return dir;
    }

    /** A state file for conv_1.wav with a step at each given utterance; phases p1, p2, ... */
    public static String stateFile(List<Integer> utterances) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("conversation", STEM + ".wav");
        ObjectNode initial = root.putObject("initial_state");
        initial.put("phase", "opening");
        initial.putNull("customer_profile");
        initial.putArray("objections");
        ArrayNode steps = root.putArray("steps");
        for (int i = 0; i < utterances.size(); i++) {
            ObjectNode step = steps.addObject();
            step.put("utterance_index", utterances.get(i));
            ObjectNode state = step.putObject("accumulated_state");
            state.put("phase", "p" + (i + 1));
            state.putObject("customer_profile").put("disc_primary", "S").put("approach_note", "Calm, wants facts.");
            state.putArray("objections").addObject().put("id", "o" + (i + 1)).put("status", "open");
            state.putArray("value_props_delivered").add("vp");
            state.putArray("commitments");
        }
        return Json.pretty(root);
    }

    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Langfuse {@code GET /api/public/v2/prompts/{name}} answer for a chat prompt. */
    public static MockResponse langfusePrompt(String name, int version) {
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("name", name);
        p.put("version", version);
        p.put("type", "chat");
        ArrayNode messages = p.putArray("prompt");
        messages.addObject().put("role", "system").put("content", "Coach. Answer skip or show|<tag>.");
        messages.addObject().put("role", "user").put("content",
                "STATE:\n{{state}}\n\nTRANSCRIPT:\n{{new_transcript}}\n\nPREVIOUS:\n{{previous_suggestions}}");
        p.putObject("config");
        p.putArray("labels").add("production");
        p.putArray("tags");
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(compact(p));
    }

    /** A streamed chat completion: one chunk per delta, a finish chunk, a usage chunk, [DONE]. */
    public static MockResponse sse(String... deltas) {
        StringBuilder body = new StringBuilder();
        for (String d : deltas) {
            ObjectNode chunk = chunk();
            ObjectNode choice = chunk.putArray("choices").addObject();
            choice.put("index", 0);
            choice.putObject("delta").put("content", d);
            choice.putNull("finish_reason");
            body.append("data: ").append(compact(chunk)).append("\n\n");
        }
        ObjectNode finish = chunk();
        ObjectNode choice = finish.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta");
        choice.put("finish_reason", "stop");
        body.append("data: ").append(compact(finish)).append("\n\n");
        ObjectNode usage = chunk();
        usage.putArray("choices");
        usage.putObject("usage").put("prompt_tokens", 120).put("completion_tokens", deltas.length).put("total_tokens", 120 + deltas.length);
        body.append("data: ").append(compact(usage)).append("\n\n").append("data: [DONE]\n\n");
        return new MockResponse().setHeader("Content-Type", "text/event-stream").setBody(body.toString());
    }

    public static MockResponse httpError(int status, String message) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody("{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\"}}");
    }

    /** {@code vaa-models.json} adding model "local" served by the given base URL (an Ollama-style endpoint: no key). */
    public static void localModel(Path workspace, String baseUrl) {
        write(workspace.resolve("vaa-models.json"), Json.pretty(Map.of("models", Map.of("local",
                Map.of("label", "Local Test (Mock)", "provider", "ollama", "model", "test-model", "base_url", baseUrl)))));
    }

    private static ObjectNode chunk() {
        ObjectNode chunk = Json.MAPPER.createObjectNode();
        chunk.put("id", "chatcmpl-test");
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", 1_700_000_000L);
        chunk.put("model", "test-model");
        return chunk;
    }

    private static String compact(Object node) {
        try {
            return Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
