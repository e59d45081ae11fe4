package vaa.llm;

import java.time.Duration;

/**
 * Hears what happens inside one call between its first attempt and its answer: the retries and the
 * waits for a slot under the provider's concurrency limit (which 429s lower). Called on the calling
 * thread, from inside {@link LlmClient#complete}; tracing turns these into span events.
 */
public interface LlmCallListener {
    LlmCallListener NONE = new LlmCallListener() {};

    /** Attempt {@code attempt} failed with {@code failure}; the next one starts after {@code wait}. */
    default void retrying(int attempt, LlmException failure, Duration wait) {}

    /** The call waited {@code waited} for one of the provider's {@code limit} slots. */
    default void waitedForSlot(Duration waited, int limit) {}
}
