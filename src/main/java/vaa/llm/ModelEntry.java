package vaa.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One catalog entry as the catalog resolved it: the provider's defaults are already applied, so
 * {@code params} are the entry's effective wire parameters (temperature, max_tokens, reasoning_effort,
 * top_k, ...) and {@code extraBody} is merged into the request body as given (what the Python SDK
 * calls {@code extra_body}). {@code baseUrl} is the catalog's; {@link ModelCatalog#resolve} applies
 * a base-URL variable such as OPENAI_BASE_URL. {@code auth}, {@code headers} (unresolved templates)
 * and {@code apiVersion} are the provider's (see {@link Provider}); {@code limits} the model's own, else the
 * provider's. {@code contextTokens} is the model's context window as the catalog states it ({@code
 * context_window}), 0 when it does not. {@code prices} are the model's list prices ({@code price} and the
 * provider's {@code batch_discount}), {@link Prices#UNKNOWN} when the catalog states none.
 */
public record ModelEntry(String key, String label, String provider, String model, String baseUrl,
                         List<String> apiKeyEnv, ObjectNode params, ObjectNode extraBody, boolean jsonSchema,
                         Auth auth, Map<String, String> headers, String apiVersion,
                         StatedLimits limits, int contextTokens, Prices prices) {
    /**
     * The window assumed for a model the catalog gives none: 128k tokens is what most current models take at
     * least, so a call is refused only when it would fail anyway. {@code context_window} in vaa-models.json overrides it.
     */
    public static final int DEFAULT_CONTEXT_TOKENS = 128_000;

    public ModelEntry(String key, String label, String provider, String model, String baseUrl, List<String> apiKeyEnv,
                      ObjectNode params, ObjectNode extraBody, boolean jsonSchema, Auth auth, Map<String, String> headers,
                      String apiVersion, StatedLimits limits) {
        this(key, label, provider, model, baseUrl, apiKeyEnv, params, extraBody, jsonSchema, auth, headers, apiVersion, limits, 0);
    }

    public ModelEntry(String key, String label, String provider, String model, String baseUrl, List<String> apiKeyEnv,
                      ObjectNode params, ObjectNode extraBody, boolean jsonSchema, Auth auth, Map<String, String> headers,
                      String apiVersion, StatedLimits limits, int contextTokens) {
        this(key, label, provider, model, baseUrl, apiKeyEnv, params, extraBody, jsonSchema, auth, headers, apiVersion, limits,
                contextTokens, Prices.UNKNOWN);
    }

    public ModelEntry {
        apiKeyEnv = List.copyOf(apiKeyEnv);
        params = params.deepCopy();
        extraBody = extraBody.deepCopy();
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        prices = prices == null ? Prices.UNKNOWN : prices;
    }

    @Override
    public ObjectNode params() {
        return params.deepCopy();
    }

    @Override
    public ObjectNode extraBody() {
        return extraBody.deepCopy();
    }

    /** The context window a request is checked against before it is sent. */
    public int contextWindow() {
        return contextTokens > 0 ? contextTokens : DEFAULT_CONTEXT_TOKENS;
    }

    public boolean needsKey() {
        return !apiKeyEnv.isEmpty();
    }
}
