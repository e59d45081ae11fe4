package vaa.llm;

import java.util.function.Consumer;

/**
 * One chat completion against one configured model.
 *
 * <p>Implementations are thread-safe: the analysis stage calls one instance from many workers.
 * Failures are reported as {@link LlmException}; a call interrupted through {@link Thread#interrupt()}
 * ends with an {@link LlmException} whose exit code is {@link vaa.VaaException#INTERRUPTED} and leaves
 * the thread's interrupt flag set.
 */
public interface LlmClient {
    /** The consumer used when the caller does not want deltas; decorators recognise it by identity. */
    Consumer<String> NO_DELTAS = delta -> {};

    default LlmResponse complete(LlmRequest request) {
        return complete(request, NO_DELTAS);
    }

    /**
     * Like {@link #complete(LlmRequest)}, handing each piece of answer text to {@code onDelta} as it
     * arrives (on the calling thread). Once a delta has reached a caller-supplied consumer, a later
     * failure of the same call is not retried, so the caller never sees text twice. A cached answer
     * arrives as a single delta.
     */
    LlmResponse complete(LlmRequest request, Consumer<String> onDelta);

    /**
     * Tells the client of {@code answer}, which came for {@code request} another way: through the provider's Batch API,
     * in batch {@code batchId}. Nothing by default; the tracing decorator (outermost) records it as the call's
     * generation, as it records a call it made.
     */
    default void delivered(LlmRequest request, LlmResponse answer, String batchId) {
        // a client that only makes calls has nothing to do with an answer it did not fetch
    }
}
