package vaa.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import java.time.Duration;
import vaa.llm.LlmCallListener;
import vaa.llm.LlmException;

/**
 * Retries, 429 waits and slot waits as events of the generation in progress. The retry and limit
 * decorators run on the thread that called the client, inside the generation's context (see
 * {@link GenerationClient}), so {@link Span#current()} is that generation; the totals go into
 * its metadata when it ends.
 */
final class CallEvents implements LlmCallListener {
    static final ContextKey<Totals> TOTALS = ContextKey.named("vaa-call-totals");
    private static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("attempt");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<Long> WAIT_MS = AttributeKey.longKey("wait_ms");
    private static final AttributeKey<Long> LIMIT = AttributeKey.longKey("limit");
    private static final AttributeKey<String> ERROR = AttributeKey.stringKey("error");

    /** What one call waited for; touched only by the thread making the call. */
    static final class Totals {
        int retries;
        long retryWaitMs;
        long slotWaitMs;
    }

    @Override
    public void retrying(int attempt, LlmException failure, Duration wait) {
        Span.current().addEvent(failure.rateLimited() ? "rate_limited" : "retry", Attributes.of(ATTEMPT, (long) attempt,
                STATUS, (long) failure.status(), WAIT_MS, wait.toMillis(), ERROR, failure.getMessage()));
        Totals totals = Context.current().get(TOTALS);
        if (totals != null) {
            totals.retries++;
            totals.retryWaitMs += wait.toMillis();
        }
    }

    @Override
    public void waitedForSlot(Duration waited, int limit) {
        Span.current().addEvent("slot_wait", Attributes.of(WAIT_MS, waited.toMillis(), LIMIT, (long) limit));
        Totals totals = Context.current().get(TOTALS);
        if (totals != null) {
            totals.slotWaitMs += waited.toMillis();
        }
    }
}
