package vaa.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import vaa.io.Json;
import vaa.llm.ChatMessage;
import vaa.llm.LlmClient;
import vaa.llm.LlmException;
import vaa.llm.LlmRequest;
import vaa.llm.LlmResponse;
import vaa.llm.Prices;
import vaa.llm.ResponseFormat;
import vaa.llm.TokenEstimate;
import vaa.llm.Tracer;
import vaa.prompt.Prompt;
import vaa.transcript.Call;
import vaa.transcript.Utterance;

/**
 * The judgement half of an analysis: asks the model for a schema-shaped verdict on one call,
 * validates it, asks once more with the validation errors when it is invalid, and checks that
 * every quoted phrase really occurs in the transcript (flagged, never dropped).
 *
 * <p>Each call judged is one trace (named "analysis", in the run's session): one row per call in
 * Langfuse's trace list, carrying that call's scores, rather than one stage-wide trace of hundreds
 * of generations whose scores could not be told apart.
 */
public final class Judge {
    public static final String SCHEMA_VERSION = "1.0";
    public static final JsonNode SCHEMA = loadSchema();
    /** The schema as the prompt shows it, written once rather than per call. */
    private static final String SCHEMA_TEXT = SCHEMA.toString();
    private static final java.util.regex.Pattern NOT_A_WORD = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}']+");

    /** The result for one call: a valid judgement, or why not and what the model said. */
    public sealed interface Outcome permits Ok, Failed {
        Provenance provenance();
    }

    public record Ok(ObjectNode judgement, Provenance provenance) implements Outcome {}

    public record Failed(String reason, String rawOutput, Provenance provenance) implements Outcome {}

    private final LlmClient client;
    private final Prompt prompt;
    private final Provenance base;
    private final boolean jsonSchema;
    private final Tracer tracer;
    private final Tracer.Start traces;
    private final SchemaValidator validator = new SchemaValidator(SCHEMA);
    private final int contextTokens;
    private final boolean truncate;
    private final Prices prices;
    /** Room kept for the answer when checking a request against the context window. */
    static final int ANSWER_TOKENS = 4_096;
    /** Slack for the estimate's per-message rounding when a transcript is cut to the tokens left. */
    private static final int SAFETY_TOKENS = 64;
    /** Below this a cut transcript would say too little to judge. */
    private static final int MIN_TRANSCRIPT_CHARS = 2_000;
    /** One instance for every call, which the client converts for the SDK once (see ChatRequests). */
    private final ResponseFormat format = new ResponseFormat("call_judgement", SCHEMA, false);

    /** Traces each call judged in the session {@code runId}. */
    public Judge(LlmClient client, Prompt prompt, Provenance base, boolean jsonSchema, Tracer tracer, String runId) {
        this(client, prompt, base, jsonSchema, tracer, runId, vaa.llm.ModelEntry.DEFAULT_CONTEXT_TOKENS, false);
    }

    /**
     * {@code contextTokens}: the model's window; a call that cannot fit is failed before anything is sent or, with
     * {@code truncate}, sent with the middle of its transcript left out (recorded in its provenance).
     */
    public Judge(LlmClient client, Prompt prompt, Provenance base, boolean jsonSchema, Tracer tracer, String runId,
                 int contextTokens, boolean truncate) {
        this(client, prompt, base, jsonSchema, tracer, runId, contextTokens, truncate, Prices.UNKNOWN);
    }

    /** {@code prices}: the model's, which each call's {@code cost_usd} is reckoned with. */
    public Judge(LlmClient client, Prompt prompt, Provenance base, boolean jsonSchema, Tracer tracer, String runId,
                 int contextTokens, boolean truncate, Prices prices) {
        this.client = client;
        this.prices = prices;
        this.contextTokens = contextTokens;
        this.truncate = truncate;
        this.prompt = prompt;
        this.base = base;
        this.jsonSchema = jsonSchema;
        this.tracer = tracer;
        this.traces = new Tracer.Start("analysis", runId, "analysis", base.modelKey(), prompt.traceRef(), Map.of());
    }

    public Provenance provenance() {
        return base;
    }

    public Tracer tracer() {
        return tracer;
    }

    public Outcome judge(Call call) {
        try (Tracer.Span trace = tracer.trace(traces.with("call_id", call.id()))) {
            Outcome outcome;
            try {
                outcome = judge(call, trace);
            } catch (LlmException e) {
                // a failure that stops the whole batch (a refused key, say) still marks the call it happened on
                if (e.exitCode() != vaa.VaaException.INTERRUPTED) {
                    trace.fail(e.getMessage());
                }
                throw e;
            }
            if (outcome instanceof Ok ok) {
                JudgementScores.record(ok.judgement(), trace);
            } else {
                trace.fail(((Failed) outcome).reason());
            }
            return outcome;
        }
    }

    /** The messages the first request for {@code call} sends (before any --truncate). */
    public List<ChatMessage> messages(Call call) {
        return prompt.compile(vars(call, numberedTranscript(call)));
    }

    private static Map<String, Object> vars(Call call, String transcript) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("call_id", call.id());
        vars.put("metadata", compact(call.metadata()));
        vars.put("transcript", transcript);
        vars.put("schema", SCHEMA_TEXT);
        return vars;
    }

    public Prices prices() {
        return prices;
    }

    /** What judging {@code call} is expected to cost when its answer takes {@code completionTokens}; empty when unpriced. */
    public OptionalDouble expectedCost(Call call, long completionTokens) {
        long promptTokens = TokenEstimate.of(messages(call));
        return prices.cost(new LlmResponse.Usage(promptTokens, completionTokens, promptTokens + completionTokens), base.viaBatch());
    }

    /**
     * The first request for {@code call} exactly as it is sent (prompt, {@code --truncate}, response format), with the
     * provenance its answer is recorded under; or, in {@code refused}, why it is not sent (too large for the window).
     * The Batch API sends this request; {@link #judge(Call, LlmResponse, String)} takes its answer.
     */
    public record Prepared(LlmRequest request, Provenance base, Failed refused) {}

    public Prepared prepare(Call call) {
        List<String> lines = numberedLines(call);
        String transcript = String.join("", lines);
        Map<String, Object> vars = vars(call, transcript);
        List<ChatMessage> messages = prompt.compile(vars);
        int estimate = TokenEstimate.of(messages) + ANSWER_TOKENS;
        Provenance base = this.base;
        if (estimate > contextTokens) {
            // sending it would cost the whole prompt and fail (or be cut silently by the provider); say why instead
            String over = String.format(Locale.ROOT, "too large for the model: about %,d tokens with the answer,"
                    + " over its context window of %,d (context_window in the catalog)", estimate, contextTokens);
            if (!truncate) {
                return new Prepared(null, base, new Failed(over + "; not sent. Use a model with a larger window, or --truncate to judge the start"
                        + " and end of the transcript", "", base));
            }
            // everything but the transcript stays as it is; the transcript gets what is left of the window
            int rest = estimate - TokenEstimate.of(transcript);
            long room = (long) (contextTokens - rest - SAFETY_TOKENS) * TokenEstimate.CHARS_PER_TOKEN;
            if (room < MIN_TRANSCRIPT_CHARS) {
                return new Prepared(null, base, new Failed(over
                        + ", and the prompt without the transcript leaves too little room to cut it to; not sent", "", base));
            }
            TranscriptFit.Fitted fitted = TranscriptFit.fit(lines, (int) Math.min(Integer.MAX_VALUE, room), estimate, contextTokens);
            vars.put("transcript", fitted.text());
            messages = prompt.compile(vars);
            base = base.truncated(fitted.truncation());
        }
        // batch work: nobody waits for the judge's first token, and an unstreamed answer is one parse, not one per token
        LlmRequest request = LlmRequest.of(messages).unstreamed();
        if (jsonSchema) {
            request = request.withResponseFormat(format);
        }
        return new Prepared(request, base, null);
    }

    /**
     * Judges {@code call} on an answer that came through the Batch API in batch {@code batchId}: the same parsing,
     * schema validation, repair (a live request) and quote check as a live answer, costed at the batch price.
     */
    public Outcome judge(Call call, LlmResponse answer, String batchId) {
        try (Tracer.Span trace = tracer.trace(traces.with("call_id", call.id()))) {
            Prepared prepared = prepare(call);
            Outcome outcome = prepared.refused() != null ? prepared.refused()
                    : answered(call, prepared, answer, batchId, trace);
            if (outcome instanceof Ok ok) {
                JudgementScores.record(ok.judgement(), trace);
            } else {
                trace.fail(((Failed) outcome).reason());
            }
            return outcome;
        }
    }

    private Outcome judge(Call call, Tracer.Span trace) {
        Prepared prepared = prepare(call);
        return prepared.refused() != null ? prepared.refused() : answered(call, prepared, null, null, trace);
    }

    /** From the first request on; {@code first}, when given, is the first request's answer (from a batch). */
    private Outcome answered(Call call, Prepared prepared, LlmResponse first, String batchId, Tracer.Span trace) {
        Provenance base = batchId == null ? prepared.base() : prepared.base().inBatch(batchId);
        LlmRequest request = prepared.request().traced(new Tracer.Call(trace, prompt.traceRef(), "judge"));
        List<ChatMessage> messages = new ArrayList<>(request.messages());
        Provenance.Tokens usage = Provenance.Tokens.NONE;
        Double cost = 0.0;
        String raw = "";
        LlmResponse response = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                if (attempt == 1 && first != null) {
                    response = first;
                    client.delivered(request, first, batchId);   // a generation in the call's trace, as a live answer has
                } else {
                    response = client.complete(request);
                }
            } catch (LlmException e) {
                // not this call's failure: the batch stops on it (see Analyzer)
                if (e.exitCode() == vaa.VaaException.INTERRUPTED || e.affectsEveryCall()) {
                    throw e;
                }
                Provenance p = response == null ? base : base.withCall(response, usage, attempt, cost);
                return new Failed(e.getMessage(), raw, p);
            }
            usage = usage.plus(response.usage());
            // a repair is a live request, billed at the live price; the batch's answer at the batch price
            cost = plus(cost, response, attempt == 1 && first != null ? base : this.base);
            raw = response.content();
            List<String> errors = new ArrayList<>();
            ObjectNode parsed = parse(raw, errors);
            if (parsed != null) {
                errors.addAll(validator.validate(parsed));
            }
            if (errors.isEmpty()) {
                checkQuotes(parsed, call);
                return new Ok(parsed, base.withCall(response, usage, attempt, cost));
            }
            if (attempt == 2) {
                return new Failed("response did not match the schema after a repair attempt: "
                        + String.join("; ", errors.subList(0, Math.min(5, errors.size()))), raw, base.withCall(response, usage, attempt, cost));
            }
            messages.add(ChatMessage.assistant(raw));
            messages.add(ChatMessage.user("Your answer is not valid: " + String.join("; ", errors)
                    + ". Reply again with only the corrected JSON object, matching the schema exactly."));
            request = request.withMessages(List.copyOf(messages)).traced(request.trace().named("judge repair"));
        }
        throw new IllegalStateException("unreachable");
    }

    /**
     * The cost so far plus this answer's: nothing for one replayed from vaa's response cache (this run paid nothing for
     * it), null (unknown) once a paid answer has no price.
     */
    private Double plus(Double cost, LlmResponse response, Provenance base) {
        Double paid = prices.paid(response, base.viaBatch());
        return cost == null || paid == null ? null : Prices.round(cost + paid);
    }

    /** The transcript as the prompt shows it: one numbered line per utterance, times when known. */
    public static String numberedTranscript(Call call) {
        return String.join("", numberedLines(call));
    }

    private static List<String> numberedLines(Call call) {
        List<Utterance> us = call.utterances();
        List<String> lines = new ArrayList<>(us.size());
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < us.size(); i++) {
            Utterance u = us.get(i);
            b.setLength(0);
            b.append('[').append(i).append("] ");
            if (u.start() != null) {
                b.append(String.format(Locale.ROOT, "%.1fs ", u.start()));
            }
            b.append(u.role().wireName().toUpperCase(Locale.ROOT));
            if (!u.speaker().equalsIgnoreCase(u.role().wireName())) {
                b.append(" (").append(u.speaker()).append(')');
            }
            b.append(": ").append(u.text()).append('\n');
            lines.add(b.toString());
        }
        return lines;
    }

    /** Models wrap JSON in prose or code fences now and then; take the outermost object. */
    public static ObjectNode parse(String raw, List<String> errors) {
        String text = raw.strip();
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        if (start < 0 || end <= start) {
            errors.add("the answer contains no JSON object");
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(text.substring(start, end + 1));
            if (!node.isObject()) {
                errors.add("the answer is not a JSON object");
                return null;
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            errors.add("invalid JSON: " + e.getOriginalMessage());
            return null;
        }
    }

    /** Adds {@code quote_verified} to each friction point: does the quote occur in the transcript? */
    static void checkQuotes(ObjectNode judgement, Call call) {
        String whole = normalise(String.join(" ", call.utterances().stream().map(Utterance::text).toList()));
        JsonNode points = judgement.get("friction_points");
        if (!(points instanceof ArrayNode arr)) {
            return;
        }
        for (JsonNode p : arr) {
            String quote = normalise(p.path("quote").asText(""));
            boolean found = !quote.isEmpty() && whole.contains(quote);
            ((ObjectNode) p).put("quote_verified", found);
        }
    }

    /** Case, punctuation and spacing differ between a transcript and a model's copy of it; words don't. */
    static String normalise(String s) {
        return NOT_A_WORD.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    private static String compact(Object value) {
        try {
            return Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode loadSchema() {
        try (InputStream in = Judge.class.getResourceAsStream("/vaa/pipeline/judgement.schema.json")) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
