package vaa.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import vaa.llm.Tracer;

/**
 * A trace's root span or one of its steps. Scores go to the trace and to the generation last
 * started under this span (the answer they judge), or to the step itself when it made no call.
 */
final class OtelSpan implements Tracer.Span {
    private final OtelTracer tracer;
    private final Span span;
    private final Context context;
    private final boolean root;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile String lastGeneration;

    OtelSpan(OtelTracer tracer, Span span, Context parent, boolean root) {
        this.tracer = tracer;
        this.span = span;
        this.context = parent.with(span);
        this.root = root;
    }

    /** The context a call or a step under this span starts in. */
    Context context() {
        return context;
    }

    void generationStarted(SpanContext generation) {
        lastGeneration = generation.getSpanId();
    }

    @Override
    public Tracer.Span child(String name, Map<String, String> metadata) {
        return tracer.step(this, name, metadata);
    }

    @Override
    public void score(String name, String category) {
        span.setAttribute(Keys.SCORE + name, category);
        tracer.score(traceId(), observationId(), name, category);
    }

    @Override
    public void score(String name, boolean value) {
        span.setAttribute(AttributeKey.booleanKey(Keys.SCORE + name), value);
        tracer.score(traceId(), observationId(), name, value);
    }

    @Override
    public void fail(String message) {
        span.setStatus(StatusCode.ERROR, message);
        span.setAttribute(Keys.LEVEL, "ERROR");
        span.setAttribute(Keys.STATUS_MESSAGE, message);
    }

    @Override
    public void close() {
        if (ended.compareAndSet(false, true)) {
            span.end();
            tracer.ended();
        }
    }

    private String traceId() {
        return span.getSpanContext().getTraceId();
    }

    /** A root span is the trace itself: without a generation under it, its scores are the trace's. */
    private String observationId() {
        String generation = lastGeneration;
        return generation != null ? generation : root ? null : span.getSpanContext().getSpanId();
    }
}
