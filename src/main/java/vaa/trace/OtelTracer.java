package vaa.trace;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import vaa.io.MessageSink;
import vaa.llm.LlmCallListener;
import vaa.llm.LlmClient;
import vaa.llm.ResolvedModel;
import vaa.llm.Tracer;

/**
 * The OpenTelemetry SDK behind {@link Tracer}: spans are batched and exported over OTLP/HTTP from
 * the SDK's own thread, scores from {@link ScoreSender}'s. Nothing here waits on the network
 * except {@link #flush()} and {@link #close()}, each at most {@link #FLUSH_BOUND}; failures are
 * counted and told once through the command's messages.
 */
final class OtelTracer implements Tracer {
    static final Duration FLUSH_BOUND = Duration.ofSeconds(2);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration BATCH_DELAY = Duration.ofSeconds(1);
    /**
     * The SDK reports each failed export through java.util.logging, which would print stack traces to
     * stderr; {@link Delivery} tells it once instead. Held in a field because JUL keeps loggers weakly.
     */
    private static final Logger SDK_LOG = Logger.getLogger("io.opentelemetry");

    private final TraceSettings settings;
    private final Delivery delivery;
    private final ScoreSender scores;
    private final Content content;
    private final String version;
    private final MessageSink messages;
    private final CallEvents events = new CallEvents();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile SdkTracerProvider provider;
    private volatile io.opentelemetry.api.trace.Tracer otel;

    OtelTracer(TraceSettings settings, String version, MessageSink messages) {
        this.settings = settings;
        this.version = version;
        this.messages = messages;
        this.content = new Content(settings.content());
        this.delivery = new Delivery(settings.host(), settings.scores().isPresent());
        this.scores = settings.scores().map(l -> new ScoreSender(l, delivery.scores)).orElse(null);
    }

    /** The SDK, set up when the first span starts: a command that makes no model call pays nothing for it. */
    private synchronized void start() {
        if (otel != null) {
            return;
        }
        SDK_LOG.setLevel(Level.OFF);
        OtlpHttpSpanExporterBuilder exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(settings.endpoint())
                .setConnectTimeout(CONNECT_TIMEOUT)
                .setTimeout(EXPORT_TIMEOUT)
                // a lost batch costs some spans; retries would keep a dead collector's connections open for longer
                .setRetryPolicy(null)
                .setMeterProvider(MeterProvider::noop);
        settings.headers().forEach(exporter::addHeader);
        BatchSpanProcessor batches = BatchSpanProcessor.builder(new GuardedExporter(exporter.build(), delivery.spans))
                .setScheduleDelay(BATCH_DELAY)
                .setExporterTimeout(EXPORT_TIMEOUT)
                .setMeterProvider(MeterProvider::noop)
                .build();
        provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(Keys.SERVICE_NAME, "vaa",
                        Keys.SERVICE_VERSION, version))))
                .addSpanProcessor(batches)
                .build();
        otel = provider.get("vaa", version);
    }

    io.opentelemetry.api.trace.Tracer otel() {
        if (otel == null) {
            start();
        }
        return otel;
    }

    Content content() {
        return content;
    }

    @Override
    public Span trace(Start start) {
        SpanBuilder b = otel().spanBuilder(start.name()).setNoParent()
                .setAttribute(Keys.TYPE, "span")
                .setAttribute(Keys.TRACE_NAME, start.name());
        if (start.sessionId() != null) {
            b.setAttribute(Keys.SESSION_ID, start.sessionId()).setAttribute(Keys.LANGFUSE_SESSION_ID, start.sessionId());
        }
        if (start.stage() != null) {
            b.setAttribute(Keys.TRACE_TAGS, List.of(start.stage()));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("vaa_version", version);
        metadata.put("stage", start.stage());
        metadata.put("model_key", start.modelKey());
        if (start.prompt() != null) {
            metadata.put("prompt_name", start.prompt().name());
            metadata.put("prompt_version", String.valueOf(start.prompt().version()));
            metadata.put("prompt_source", start.prompt().source());
        }
        metadata.putAll(start.metadata());
        metadata.forEach((key, value) -> {
            if (value != null) {
                b.setAttribute(Keys.TRACE_METADATA + key, value);
            }
        });
        return new OtelSpan(this, b.startSpan(), Context.root(), true);
    }

    Span step(OtelSpan parent, String name, Map<String, String> metadata) {
        SpanBuilder b = otel().spanBuilder(name).setParent(parent.context()).setAttribute(Keys.TYPE, "span");
        metadata.forEach((key, value) -> b.setAttribute(Keys.OBSERVATION_METADATA + key, value));
        return new OtelSpan(this, b.startSpan(), parent.context(), false);
    }

    @Override
    public LlmClient decorate(LlmClient client, ResolvedModel model) {
        return new GenerationClient(client, model, this);
    }

    @Override
    public LlmCallListener callListener() {
        return events;
    }

    /** A span (a trace, step or generation) was ended and handed to the exporter. */
    void ended() {
        delivery.spans.handed(1);
    }

    void score(String traceId, String observationId, String name, String category) {
        if (scores != null) {
            scores.categorical(traceId, observationId, name, category);
        }
    }

    void score(String traceId, String observationId, String name, boolean value) {
        if (scores != null) {
            scores.bool(traceId, observationId, name, value);
        }
    }

    @Override
    public Map<String, Object> flush() {
        long deadline = System.nanoTime() + FLUSH_BOUND.toNanos();
        SdkTracerProvider started = provider;
        if (started != null && !delivery.spans.givenUp()) {
            await(started.forceFlush(), deadline);
        }
        if (scores != null) {
            scores.flush(deadline);
        }
        delivery.warningOnce().ifPresent(messages::warn);
        return delivery.report();
    }

    /** Waits for {@code pending} until the deadline; a collector that keeps it waiting past that is given up. */
    private void await(CompletableResultCode pending, long deadlineNanos) {
        pending.join(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (!pending.isDone()) {
            delivery.spans.giveUp("no answer in time");
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + FLUSH_BOUND.toNanos();
        SdkTracerProvider started = provider;
        if (started != null) {
            CompletableResultCode shutdown = started.shutdown();
            if (!delivery.spans.givenUp()) {
                await(shutdown, deadline);
            }
        }
        if (scores != null) {
            scores.close(deadline);
        }
        delivery.warningOnce().ifPresent(messages::warn);
    }
}
