package vaa.analysis;

import java.util.Optional;
import vaa.batch.BatchRunner;
import vaa.llm.BatchApi;
import vaa.llm.BatchLimits;
import vaa.llm.LlmRequest;
import vaa.llm.LlmResponse;
import vaa.llm.ResolvedModel;
import vaa.llm.ResponseCache;

/**
 * What judging through the provider's Batch API needs besides the {@link Judge}: the API on the model's client, the
 * provider's limits per batch, the run's response cache (answers collected are stored there before they are judged, so
 * a kill between the two never pays for them again) and how often to poll.
 */
public record BatchAnalysis(ResolvedModel model, BatchApi api, BatchLimits limits, ResponseCache cache, BatchRunner.Poll poll) {
    String line(LlmRequest request, String callId) {
        return BatchApi.line(model, request, callId);
    }

    String key(LlmRequest request) {
        return ResponseCache.key(model, request);
    }

    Optional<LlmResponse> cached(LlmRequest request) {
        return cache.get(key(request));
    }
}
