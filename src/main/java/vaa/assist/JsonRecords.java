package vaa.assist;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import vaa.io.Json;
import vaa.llm.ChatMessage;
import vaa.llm.LlmResponse;
import vaa.prompt.ModelSetup;

/**
 * The JSONL record of a step, so experiments can be compared by a program: decision, tag, body,
 * timings, usage, and which prompt version and model produced it. Field names are stable.
 */
final class JsonRecords {
    private JsonRecords() {}

    static ObjectNode step(ExperimentPlan plan, StepRecord r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("run", plan.runName());
        o.put("step", r.step());
        o.put("steps", r.total());
        o.put("utterance_index", r.utterance());
        o.put("previous_utterance_index", r.previousUtterance());
        o.put("phase", r.phase());
        o.put("status", r.status().name().toLowerCase(Locale.ROOT));
        boolean ok = r.status() == StepRecord.Status.OK;
        o.put("decision", ok ? r.response().decision().wireName() : null);
        o.put("tag", ok ? r.response().tag() : null);
        o.put("body", ok ? r.response().body() : null);
        o.put("warning", ok ? r.response().warning().orElse(null) : null);
        o.put("raw", r.raw());
        o.put("error", r.error());
        LlmResponse call = r.call();
        if (call == null) {
            o.putNull("ttft_ms");
            o.putNull("e2e_ms");
            o.putNull("usage");
        } else {
            o.put("ttft_ms", call.ttftMs());
            o.put("e2e_ms", call.e2eMs());
            o.putObject("usage")
                    .put("prompt_tokens", call.usage().promptTokens())
                    .put("completion_tokens", call.usage().completionTokens())
                    .put("total_tokens", call.usage().totalTokens())
                    .put("cached_tokens", call.usage().cachedPromptTokens())
                    .put("cost_usd", plan.model().prices().paid(call, false));
        }
        o.put("request_id", call == null ? null : call.requestId());
        o.put("cached", call != null && call.cached());
        o.set("prompt", Json.MAPPER.valueToTree(ModelSetup.describe(plan.prompt())));
        o.putObject("model")
                .put("key", plan.model().key())
                .put("label", plan.model().label())
                .put("provider", plan.model().provider())
                .put("model", plan.model().model())
                .put("served_model", call == null ? null : call.model());
        o.put("conversation", plan.state().conversation());
        o.put("previous_suggestions", r.suggestions().size());
        if (r.status() == StepRecord.Status.DRY_RUN) {
            ArrayNode messages = o.putArray("messages");
            for (ChatMessage m : r.messages()) {
                messages.addObject().put("role", m.role()).put("content", m.content());
            }
        }
        return o;
    }
}
