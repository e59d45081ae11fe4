package vaa.trace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import vaa.VaaException;
import vaa.io.Json;
import vaa.llm.LlmClient;
import vaa.llm.LlmException;
import vaa.llm.LlmRequest;
import vaa.llm.LlmResponse;
import vaa.llm.Prices;
import vaa.llm.ResolvedModel;
import vaa.llm.Tracer;

/**
 * Records every call as a generation under the span its request names: model, parameters, input
 * and output (or their hashes), token usage, the time of the first token, the prompt version it
 * came from, and how it failed. An answer from vaa's own cache is marked cached and costs nothing,
 * so a resumed run is not counted twice. Outermost in {@code LlmRuntime}'s chain.
 */
final class GenerationClient implements LlmClient {
    private final LlmClient delegate;
    private final ResolvedModel model;
    private final OtelTracer tracer;

    GenerationClient(LlmClient delegate, ResolvedModel model, OtelTracer tracer) {
        this.delegate = delegate;
        this.model = model;
        this.tracer = tracer;
    }

    @Override
    public LlmResponse complete(LlmRequest request, Consumer<String> onDelta) {
        Tracer.Call call = request.trace();
        OtelSpan parent = call.parent() instanceof OtelSpan s ? s : null;
        Context base = parent == null ? Context.root() : parent.context();
        Span generation = start(request, call, base);
        if (parent != null) {
            parent.generationStarted(generation.getSpanContext());
        }
        CallEvents.Totals totals = new CallEvents.Totals();
        try (Scope scope = base.with(generation).with(CallEvents.TOTALS, totals).makeCurrent()) {
            LlmResponse response = delegate.complete(request, onDelta);
            answered(generation, response, call, false);
            return response;
        } catch (LlmException e) {
            failed(generation, e, e.attempts());
            throw e;
        } catch (RuntimeException e) {
            failed(generation, e, 1);
            throw e;
        } finally {
            generation.setAttribute(Keys.OBSERVATION_METADATA + "retries", totals.retries);
            generation.setAttribute(Keys.OBSERVATION_METADATA + "retry_wait_ms", totals.retryWaitMs);
            generation.setAttribute(Keys.OBSERVATION_METADATA + "slot_wait_ms", totals.slotWaitMs);
            generation.end();
            tracer.ended();
        }
    }

    /** An answer from the Batch API: a generation like a live call's, priced at the batch price, with its batch id. */
    @Override
    public void delivered(LlmRequest request, LlmResponse answer, String batchId) {
        Tracer.Call call = request.trace();
        OtelSpan parent = call.parent() instanceof OtelSpan s ? s : null;
        Span generation = start(request, call, parent == null ? Context.root() : parent.context());
        if (parent != null) {
            parent.generationStarted(generation.getSpanContext());
        }
        try {
            generation.setAttribute(Keys.OBSERVATION_METADATA + "batch_id", batchId);
            answered(generation, answer, call, true);
        } finally {
            generation.end();
            tracer.ended();
        }
    }

    private Span start(LlmRequest request, Tracer.Call call, Context base) {
        String name = call.name() != null ? call.name() : "chat " + model.model();
        SpanBuilder b = tracer.otel().spanBuilder(name).setParent(base).setSpanKind(SpanKind.CLIENT)
                .setAttribute(Keys.TYPE, "generation")
                .setAttribute(Keys.GEN_AI_OPERATION, "chat")
                .setAttribute(Keys.GEN_AI_PROVIDER, model.provider())
                .setAttribute(Keys.GEN_AI_REQUEST_MODEL, model.model())
                .setAttribute(Keys.MODEL, model.model())
                .setAttribute(Keys.SERVER_ADDRESS, model.host())
                .setAttribute(Keys.MODEL_PARAMETERS, Content.compact(request.paramsFor(model)))
                .setAttribute(Keys.INPUT, tracer.content().messages(request.messages()))
                .setAttribute(Keys.OBSERVATION_METADATA + "model_key", model.key())
                .setAttribute(Keys.OBSERVATION_METADATA + "provider", model.provider())
                .setAttribute(Keys.OBSERVATION_METADATA + "host", model.host());
        Tracer.PromptRef prompt = call.prompt();
        if (prompt != null) {
            // only a prompt that came from Langfuse is linked: a local copy's name and version may mean another prompt there
            if (prompt.managed()) {
                b.setAttribute(Keys.PROMPT_NAME, prompt.name()).setAttribute(Keys.PROMPT_VERSION, (long) prompt.version());
            }
            b.setAttribute(Keys.OBSERVATION_METADATA + "prompt_name", prompt.name())
                    .setAttribute(Keys.OBSERVATION_METADATA + "prompt_version", (long) prompt.version())
                    .setAttribute(Keys.OBSERVATION_METADATA + "prompt_source", prompt.source());
        }
        return b.startSpan();
    }

    private void answered(Span generation, LlmResponse r, Tracer.Call call, boolean batch) {
        Instant end = Instant.now();
        LlmResponse.Usage usage = r.usage();
        if (!r.model().isBlank()) {
            generation.setAttribute(Keys.MODEL, r.model()).setAttribute(Keys.GEN_AI_RESPONSE_MODEL, r.model());
        }
        if (!r.requestId().isBlank()) {
            generation.setAttribute(Keys.GEN_AI_RESPONSE_ID, r.requestId());
        }
        if (r.ttftMs() != null) {
            generation.setAttribute(Keys.OBSERVATION_METADATA + "ttft_ms", r.ttftMs()); // none for an answer not streamed
        }
        generation.setAttribute(Keys.OUTPUT, tracer.content().text(r.content()))
                .setAttribute(Keys.OBSERVATION_METADATA + "e2e_ms", r.e2eMs())
                .setAttribute(Keys.OBSERVATION_METADATA + "cached", r.cached());
        if (r.cached()) {
            // the tokens were paid for by the call that filled the cache; this one is free, and said so explicitly,
            // because a backend left to price the usage itself would count it again
            generation.updateName((call.name() != null ? call.name() : "chat " + model.model()) + " (cached)");
            generation.setAttribute(Keys.USAGE_DETAILS, usage(0, 0, 0))
                    .setAttribute(Keys.COST_DETAILS, "{\"input\":0.0,\"output\":0.0,\"total\":0.0}")
                    .setAttribute(Keys.GEN_AI_INPUT_TOKENS, 0L)
                    .setAttribute(Keys.GEN_AI_OUTPUT_TOKENS, 0L)
                    .setAttribute(Keys.OBSERVATION_METADATA + "cached_usage",
                            usage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens()));
            return;
        }
        generation.setAttribute(Keys.USAGE_DETAILS, usage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens()))
                .setAttribute(Keys.GEN_AI_INPUT_TOKENS, usage.promptTokens())
                .setAttribute(Keys.GEN_AI_OUTPUT_TOKENS, usage.completionTokens())
                .setAttribute(Keys.OBSERVATION_METADATA + "cached_prompt_tokens", usage.cachedPromptTokens());
        cost(generation, usage, batch);
        if (r.ttftMs() != null && r.ttftMs() > 0 && r.e2eMs() >= r.ttftMs()) {
            // ttft is measured from the last attempt's request, which ended e2e ms after it started
            Instant firstToken = end.minusMillis(r.e2eMs() - r.ttftMs());
            generation.setAttribute(Keys.COMPLETION_START_TIME, firstToken.toString());
        }
    }

    /**
     * The call's cost from the catalog's prices, given to Langfuse so it need not price the model itself (its own price
     * list may not know it, or not its cached-token rate). Without a price nothing is sent: a backend showing 0 would be
     * wrong. An answer from the Batch API ({@code batch}) is priced at the provider's batch discount.
     */
    private void cost(Span generation, LlmResponse.Usage usage, boolean batch) {
        Prices prices = model.entry().prices();
        OptionalDouble input = prices.cost(new LlmResponse.Usage(usage.promptTokens(), 0, usage.promptTokens(), usage.cachedPromptTokens()), batch);
        OptionalDouble output = prices.cost(new LlmResponse.Usage(0, usage.completionTokens(), usage.completionTokens()), batch);
        if (input.isEmpty() || output.isEmpty()) {
            return;
        }
        double total = Prices.round(input.getAsDouble() + output.getAsDouble());
        ObjectNode c = Json.MAPPER.createObjectNode().put("input", input.getAsDouble()).put("output", output.getAsDouble()).put("total", total);
        generation.setAttribute(Keys.COST_DETAILS, Content.compact(c)).setAttribute(Keys.GEN_AI_COST, total);
    }

    private static void failed(Span generation, RuntimeException e, int attempts) {
        boolean interrupted = e instanceof VaaException v && v.exitCode() == VaaException.INTERRUPTED;
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        generation.setStatus(StatusCode.ERROR, message)
                .setAttribute(Keys.LEVEL, interrupted ? "WARNING" : "ERROR")
                .setAttribute(Keys.STATUS_MESSAGE, message)
                .setAttribute(Keys.OBSERVATION_METADATA + "attempts", attempts);
        if (e instanceof LlmException l && l.status() > 0) {
            generation.setAttribute(Keys.OBSERVATION_METADATA + "http_status", l.status());
        }
    }

    private static String usage(long input, long output, long total) {
        ObjectNode u = Json.MAPPER.createObjectNode().put("input", input).put("output", output).put("total", total);
        return Content.compact(u);
    }
}
