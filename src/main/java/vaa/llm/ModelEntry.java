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
 * provider's.
 */
public record ModelEntry(String key, String label, String provider, String model, String baseUrl,
                         List<String> apiKeyEnv, ObjectNode params, ObjectNode extraBody, boolean jsonSchema,
                         Auth auth, Map<String, String> headers, String apiVersion,
                         StatedLimits limits) {
    public ModelEntry {
        apiKeyEnv = List.copyOf(apiKeyEnv);
        params = params.deepCopy();
        extraBody = extraBody.deepCopy();
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    @Override
    public ObjectNode params() {
        return params.deepCopy();
    }

    @Override
    public ObjectNode extraBody() {
        return extraBody.deepCopy();
    }

    public boolean needsKey() {
        return !apiKeyEnv.isEmpty();
    }
}
