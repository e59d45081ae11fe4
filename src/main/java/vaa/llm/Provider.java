package vaa.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OpenAI-compatible endpoint. {@code baseUrlEnv} names a variable that, when set, replaces
 * {@code baseUrl} (OPENAI_BASE_URL, as the official SDKs honour it). {@code apiKeyEnv} lists the
 * variables tried in order for the key; empty means the endpoint needs none (a local server).
 * {@code params} are defaults for every model of the provider. {@code auth} says how the key is sent,
 * {@code headers} are sent with every request (values may hold {@code ${VARIABLE}} references),
 * {@code apiVersion} is Azure's {@code api-version} (null: the SDK's default); {@code limits} are the
 * rate limits of each of its models, when stated. {@code batch} is what its OpenAI-shaped Batch API takes per batch (null:
 * it has none, as far as the catalog says).
 */
public record Provider(String name, String baseUrl, String baseUrlEnv, List<String> apiKeyEnv,
                       ObjectNode params, boolean jsonSchema, Auth auth, Map<String, String> headers, String apiVersion,
                       StatedLimits limits, BatchLimits batch) {
    public Provider {
        apiKeyEnv = List.copyOf(apiKeyEnv);
        params = params.deepCopy();
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public Optional<BatchLimits> batchApi() {
        return Optional.ofNullable(batch);
    }

    public Optional<String> baseUrlVariable() {
        return Optional.ofNullable(baseUrlEnv);
    }

    @Override
    public ObjectNode params() {
        return params.deepCopy();
    }
}
