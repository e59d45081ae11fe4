package vaa.trace;

import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * The OTLP exporter, counted: each batch's outcome goes to {@link Delivery}, and once the
 * destination has failed {@link Delivery#GIVE_UP_AFTER} batches in a row the rest are not sent
 * at all, so a dead collector stops costing connection attempts (and flushes stop waiting on it).
 */
final class GuardedExporter implements SpanExporter {
    private final SpanExporter delegate;
    private final Delivery.Counts spans;

    GuardedExporter(SpanExporter delegate, Delivery.Counts spans) {
        this.delegate = delegate;
        this.spans = spans;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
        if (spans.givenUp()) {
            return CompletableResultCode.ofFailure();
        }
        CompletableResultCode result = delegate.export(batch);
        result.whenComplete(() -> {
            if (result.isSuccess()) {
                spans.sent(batch.size());
            } else {
                spans.failed(describe(result.getFailureThrowable()));
            }
        });
        return result;
    }

    /** The HTTP status the collector answered with, or the I/O error; never a header or a URL with credentials. */
    static String describe(Throwable failure) {
        if (failure instanceof FailedExportException.HttpExportException http && http.failedWithResponse()) {
            int status = http.getResponse().getStatusCode();
            return "HTTP " + status + (status == 401 || status == 403 ? ": the keys were refused" : "");
        }
        Throwable cause = failure instanceof FailedExportException && failure.getCause() != null ? failure.getCause() : failure;
        return cause == null ? "the export failed" : Delivery.describe(cause);
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }
}
