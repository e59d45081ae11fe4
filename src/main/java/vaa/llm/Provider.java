package vaa.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * An OpenAI-compatible endpoint. {@code baseUrlEnv} names a variable that, when set, replaces
 * {@code baseUrl} (OPENAI_BASE_URL, as the official SDKs honour it). {@code apiKeyEnv} lists the
 * variables tried in order for the key; empty means the endpoint needs none (a local server).
 * {@code params} are defaults for every model of the provider.
 */
public record Provider(String name, String baseUrl, String baseUrlEnv, List<String> apiKeyEnv,
                       ObjectNode params, boolean jsonSchema) {
    public Provider {
        apiKeyEnv = List.copyOf(apiKeyEnv);
        params = params.deepCopy();
    }

    public Optional<String> baseUrlVariable() {
        return Optional.ofNullable(baseUrlEnv);
    }

    @Override
    public ObjectNode params() {
        return params.deepCopy();
    }
}
