package vaa.llm;

/**
 * A completed answer. {@code ttftMs} is the time to the first content delta, null when the answer was not
 * streamed (one piece: there was no first token to time); {@code e2eMs} the time to the end of the answer, both counted from when the request started going out on its connection
 * (connecting is not the provider's latency); for a cached answer both are the original call's. {@code requestId} is
 * the provider's {@code x-request-id} header, else the completion id (may be empty).
 */
public record LlmResponse(
        String content, Long ttftMs, long e2eMs, Usage usage, String requestId, String model, boolean cached) {

    public LlmResponse {
        content = content == null ? "" : content;
        usage = usage == null ? Usage.NONE : usage;
        requestId = requestId == null ? "" : requestId;
        model = model == null ? "" : model;
    }

    public LlmResponse asCached() {
        return new LlmResponse(content, ttftMs, e2eMs, usage, requestId, model, true);
    }

    /**
     * Token counts as the provider reported them; zeros when it reported none. {@code cachedPromptTokens} are the
     * prompt tokens the provider served from its prefix cache ({@code usage.prompt_tokens_details.cached_tokens}),
     * part of {@code promptTokens}.
     */
    public record Usage(long promptTokens, long completionTokens, long totalTokens, long cachedPromptTokens) {
        public static final Usage NONE = new Usage(0, 0, 0, 0);

        public Usage(long promptTokens, long completionTokens, long totalTokens) {
            this(promptTokens, completionTokens, totalTokens, 0);
        }
    }
}
