package vaa.llm;

import java.util.Optional;
import java.util.function.Consumer;

/** Answers repeated requests from a {@link ResponseCache}; only successful answers are stored. */
final class CachingLlmClient implements LlmClient {
    private final LlmClient delegate;
    private final ResponseCache cache;
    private final ResolvedModel model;
    private final boolean refresh;

    CachingLlmClient(LlmClient delegate, ResponseCache cache, ResolvedModel model) {
        this(delegate, cache, model, false);
    }

    CachingLlmClient(LlmClient delegate, ResponseCache cache, ResolvedModel model, boolean refresh) {
        this.delegate = delegate;
        this.cache = cache;
        this.model = model;
        this.refresh = refresh;
    }

    @Override
    public LlmResponse complete(LlmRequest request, Consumer<String> onDelta) {
        String key = ResponseCache.key(model, request);
        Optional<LlmResponse> hit = refresh ? Optional.empty() : cache.get(key);
        if (hit.isPresent()) {
            onDelta.accept(hit.get().content());
            return hit.get();
        }
        LlmResponse response = delegate.complete(request, onDelta);
        cache.put(key, response);
        return response;
    }
}
