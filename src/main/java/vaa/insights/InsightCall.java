package vaa.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import vaa.VaaException;
import vaa.analysis.Judge;
import vaa.analysis.Provenance;
import vaa.analysis.SchemaValidator;
import vaa.io.Json;
import vaa.llm.ChatMessage;
import vaa.llm.LlmClient;
import vaa.llm.LlmException;
import vaa.llm.LlmRequest;
import vaa.llm.LlmResponse;
import vaa.llm.ResponseFormat;
import vaa.llm.Tracer;

/**
 * One insights request: asks for schema-shaped themes, validates the answer, and asks once more
 * with the validation errors when it is invalid (as {@link Judge} does for a call).
 */
final class InsightCall {
    static final JsonNode SCHEMA = loadSchema();
    private static final SchemaValidator VALIDATOR = new SchemaValidator(SCHEMA);

    /** A valid answer and what it cost; {@code requests} counts the repair round, {@code cached} how many came from the cache. */
    record Answer(String summary, List<InsightTheme> themes, Provenance.Tokens usage, int requests, int cached) {}

    private InsightCall() {}

    /** {@code trace} names the step's generations and the prompt they came from. */
    static Answer ask(LlmClient client, List<ChatMessage> messages, boolean jsonSchema, String step, Tracer.Call trace) {
        List<ChatMessage> conversation = new ArrayList<>(messages);
        // batch work, not streamed (see LlmRequest#batch)
        LlmRequest request = LlmRequest.of(conversation).unstreamed().traced(trace.named(step));
        if (jsonSchema) {
            request = request.withResponseFormat(new ResponseFormat("insights", SCHEMA, false));
        }
        Provenance.Tokens usage = Provenance.Tokens.NONE;
        int cached = 0;
        String raw = "";
        for (int attempt = 1; attempt <= 2; attempt++) {
            LlmResponse response;
            try {
                response = client.complete(request);
            } catch (LlmException e) {
                if (e.exitCode() == VaaException.INTERRUPTED) {
                    throw e;
                }
                throw new InsightFailure(step, "the model call failed: " + e.getMessage(), raw, e);
            }
            usage = usage.plus(response.usage());
            cached += response.cached() ? 1 : 0;
            raw = response.content();
            List<String> errors = new ArrayList<>();
            ObjectNode parsed = Judge.parse(raw, errors);
            if (parsed != null) {
                errors.addAll(VALIDATOR.validate(parsed));
            }
            if (errors.isEmpty()) {
                return new Answer(parsed.path("summary").asText(""), themes(parsed), usage, attempt, cached);
            }
            if (attempt == 2) {
                throw new InsightFailure(step, "the answer did not match the insights schema after a repair attempt: "
                        + String.join("; ", errors.subList(0, Math.min(5, errors.size()))), raw, null);
            }
            conversation.add(ChatMessage.assistant(raw));
            conversation.add(ChatMessage.user("Your answer is not valid: " + String.join("; ", errors)
                    + ". Reply again with only the corrected JSON object, matching the schema exactly."));
            request = request.withMessages(List.copyOf(conversation)).traced(trace.named(step + " repair"));
        }
        throw new IllegalStateException("unreachable");
    }

    private static List<InsightTheme> themes(ObjectNode answer) {
        List<InsightTheme> out = new ArrayList<>();
        for (JsonNode t : answer.path("themes")) {
            List<String> ids = new ArrayList<>();
            t.path("supporting_call_ids").forEach(id -> ids.add(id.asText()));
            List<String> recs = new ArrayList<>();
            t.path("recommendations").forEach(r -> recs.add(r.asText()));
            out.add(new InsightTheme(t.path("title").asText(), t.path("explanation").asText(), t.path("call_count").asInt(),
                    ids, recs, null));
        }
        return out;
    }

    private static JsonNode loadSchema() {
        try (InputStream in = InsightCall.class.getResourceAsStream("/vaa/pipeline/insights.schema.json")) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
