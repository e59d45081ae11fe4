package vaa.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vaa.VaaException;
import vaa.io.Env;
import vaa.io.Json;

/**
 * The models vaa knows: the built-in {@code vaa/llm/models.json} with the workspace's
 * {@code vaa-models.json} laid over it, plus ad hoc {@code <provider>:<model-id>} keys.
 *
 * <p>File shape: {@code {"providers": {name: {base_url, base_url_env?, api_key_env: [..], params?,
 * json_schema?, auth?, headers?, api_version?, rpm?, tpm?, batch?}}, "models": {key: {label?, provider, model, base_url?,
 * api_key_env?, params?, extra_body?, json_schema?, rpm?, tpm?, context_window?, price?, batch_discount?}},
 * "defaults": {role: key}}}. {@code price} is {@code {"input", "cached_input"?, "output"}} in USD per million tokens;
 * {@code batch_discount} (provider or model) the fraction its Batch API takes off (see {@link Prices}). A model
 * without a price costs "unknown", never 0. {@code auth} is
 * {@code bearer} (the default), {@code azure-api-key} or {@code none} (see {@link Auth});
 * {@code headers} go with every request of the provider, {@code ${VARIABLE}} in a value filled in
 * from the environment; {@code api_version} is Azure OpenAI's {@code api-version}. {@code rpm} and
 * {@code tpm} state a model's rate limits (requests and tokens per minute; a provider's apply to each of
 * its models), for providers that send no rate-limit headers. The project file is merged into the
 * built-in one object by object, so it can add an entry, replace one field of an entry, or add a
 * single parameter. {@code batch} ({@code {"max_requests", "max_bytes"}}) says the provider serves OpenAI's Batch API
 * ({@code vaa analyze --batch}) and how large one batch may be. A {@code null} disables: a null model or provider is removed, a null parameter
 * is not sent even if the provider has a default for it.
 */
public final class ModelCatalog {
    public static final String OVERRIDE_FILE = "vaa-models.json";
    public static final String ASSIST = "assist";
    public static final String ANALYSIS = "analysis";
    public static final String INSIGHTS = "insights";

    private static final String RESOURCE = "/vaa/llm/models.json";

    private final Map<String, Provider> providers;
    private final Map<String, ModelEntry> entries;
    private final Map<String, String> baseUrlEnvByKey;
    private final Map<String, String> defaults;

    private ModelCatalog(Map<String, Provider> providers, Map<String, ModelEntry> entries,
                         Map<String, String> baseUrlEnvByKey, Map<String, String> defaults) {
        this.providers = Collections.unmodifiableMap(providers);
        this.entries = Collections.unmodifiableMap(entries);
        this.baseUrlEnvByKey = Collections.unmodifiableMap(baseUrlEnvByKey);
        this.defaults = Collections.unmodifiableMap(defaults);
    }

    public static ModelCatalog builtIn() {
        return parse(builtInTree(), "built-in catalog");
    }

    /** The built-in catalog with {@code <workspace>/vaa-models.json} applied when it exists. */
    public static ModelCatalog load(Path workspace) {
        Path file = workspace.resolve(OVERRIDE_FILE);
        if (!Files.isRegularFile(file)) {
            return builtIn();
        }
        JsonNode override;
        try {
            override = Json.MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw VaaException.usage(file + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw VaaException.failure("Cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!(override instanceof ObjectNode obj)) {
            throw VaaException.usage(file + " must contain a JSON object");
        }
        return parse(merge(builtInTree(), obj), file.toString());
    }

    public List<ModelEntry> entries() {
        return List.copyOf(entries.values());
    }

    public Map<String, Provider> providers() {
        return providers;
    }

    /** Role ({@link #ASSIST}, {@link #ANALYSIS}, {@link #INSIGHTS}, ...) to model key. */
    public Map<String, String> defaults() {
        return defaults;
    }

    public Optional<String> defaultFor(String role) {
        return Optional.ofNullable(defaults.get(role));
    }

    /** A catalog key, or an ad hoc {@code <provider>:<model-id>} for a known provider. */
    public Optional<ModelEntry> find(String key) {
        ModelEntry entry = entries.get(key);
        if (entry != null) {
            return Optional.of(entry);
        }
        int colon = key.indexOf(':');
        if (colon <= 0 || colon == key.length() - 1) {
            return Optional.empty();
        }
        Provider provider = providers.get(key.substring(0, colon));
        if (provider == null) {
            return Optional.empty();
        }
        String model = key.substring(colon + 1);
        return Optional.of(new ModelEntry(key, model + " (" + provider.name() + ")", provider.name(), model,
                provider.baseUrl(), provider.apiKeyEnv(), provider.params(), Json.MAPPER.createObjectNode(),
                provider.jsonSchema(), provider.auth(), provider.headers(), provider.apiVersion(), provider.limits()));
    }

    public ModelEntry entry(String key) {
        return find(key).orElseThrow(() -> VaaException.usage("Unknown model \"" + key + "\". Valid keys: "
                + String.join(", ", entries.keySet()) + ", or <provider>:<model-id> with provider one of "
                + String.join(", ", providers.keySet()) + " (see 'vaa models list')"));
    }

    /** The base URL calls would go to, after any base-URL variable (e.g. OPENAI_BASE_URL). */
    public String baseUrl(ModelEntry entry, Env env) {
        Provider provider = providers.get(entry.provider());
        String variable = entries.containsKey(entry.key()) ? baseUrlEnvByKey.get(entry.key())
                : provider == null ? null : provider.baseUrlEnv();
        return variable == null ? entry.baseUrl() : env.get(variable).orElse(entry.baseUrl());
    }

    public boolean keyPresent(ModelEntry entry, Env env) {
        return !entry.needsKey() || entry.apiKeyEnv().stream().anyMatch(env::has);
    }

    /** Binds a key to the environment, or explains which variable is missing. */
    public ResolvedModel resolve(String key, Env env) {
        ModelEntry entry = entry(key);
        Optional<ApiKey> apiKey = entry.apiKeyEnv().stream().filter(env::has).findFirst()
                .map(variable -> ApiKey.fromVariable(variable, env.get(variable).orElseThrow()));
        if (entry.needsKey() && apiKey.isEmpty()) {
            List<String> names = entry.apiKeyEnv();
            String variable = names.size() == 1 ? names.get(0)
                    : names.get(0) + " (or " + String.join(", ", names.subList(1, names.size())) + ")";
            throw VaaException.usage(variable + " is not set (model \"" + key + "\" uses provider "
                    + entry.provider() + "). Set it in the environment or in .env");
        }
        return new ResolvedModel(entry, baseUrl(entry, env), apiKey, RequestHeaders.resolve(entry.headers(), env, entry.provider()));
    }

    private static ObjectNode builtInTree() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable resource " + RESOURCE, e);
        }
    }

    /** Objects merge key by key (recursively); anything else, null included, replaces. */
    static ObjectNode merge(ObjectNode base, ObjectNode override) {
        ObjectNode out = base.deepCopy();
        override.fields().forEachRemaining(field -> {
            JsonNode existing = out.get(field.getKey());
            if (existing instanceof ObjectNode existingObj && field.getValue() instanceof ObjectNode overrideObj) {
                out.set(field.getKey(), merge(existingObj, overrideObj));
            } else {
                out.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        return out;
    }

    private static ModelCatalog parse(ObjectNode tree, String source) {
        Map<String, Provider> providers = new LinkedHashMap<>();
        object(tree, "providers", source).fields().forEachRemaining(field -> {
            if (!field.getValue().isNull()) {
                providers.put(field.getKey(), provider(field.getKey(), field.getValue(), source));
            }
        });
        Map<String, ModelEntry> entries = new LinkedHashMap<>();
        Map<String, String> baseUrlEnvByKey = new LinkedHashMap<>();
        object(tree, "models", source).fields().forEachRemaining(field -> {
            if (field.getValue().isNull()) {
                return;
            }
            String key = field.getKey();
            String where = source + ": model \"" + key + "\"";
            JsonNode node = requireObject(field.getValue(), where);
            String providerName = text(node, "provider", where, null);
            Provider provider = providers.get(providerName);
            if (provider == null) {
                throw VaaException.usage(where + ": unknown provider \"" + providerName + "\" (known: "
                        + String.join(", ", providers.keySet()) + ")");
            }
            String model = text(node, "model", where, null);
            String baseUrl = text(node, "base_url", where, provider.baseUrl());
            if (!node.hasNonNull("base_url") && provider.baseUrlEnv() != null) {
                baseUrlEnvByKey.put(key, provider.baseUrlEnv());
            }
            // with "auth": "none" no key is sent, so none is asked for
            List<String> keyEnv = node.has("api_key_env") && provider.auth() != Auth.NONE
                    ? names(node.get("api_key_env"), where) : provider.apiKeyEnv();
            ObjectNode params = layer(provider.params(), optionalObject(node, "params", where));
            ObjectNode extraBody = optionalObject(node, "extra_body", where);
            boolean jsonSchema = node.path("json_schema").asBoolean(provider.jsonSchema());
            String label = text(node, "label", where, model + " (" + providerName + ")");
            entries.put(key, new ModelEntry(key, label, providerName, model, baseUrl, keyEnv, params, extraBody, jsonSchema,
                    provider.auth(), provider.headers(), provider.apiVersion(), limits(node, where).over(provider.limits()),
                    contextWindow(node, where), prices(node, tree.path("providers").path(providerName), where)));
        });
        Map<String, String> defaults = new LinkedHashMap<>();
        optionalObject(tree, "defaults", source).fields().forEachRemaining(field -> {
            if (field.getValue().isTextual()) {
                defaults.put(field.getKey(), field.getValue().asText());
            }
        });
        return new ModelCatalog(providers, entries, baseUrlEnvByKey, defaults);
    }

    private static Provider provider(String name, JsonNode node, String source) {
        String where = source + ": provider \"" + name + "\"";
        requireObject(node, where);
        String baseUrl = text(node, "base_url", where, null);
        String baseUrlEnv = node.hasNonNull("base_url_env") ? text(node, "base_url_env", where, null) : null;
        Auth auth = auth(node, where);
        List<String> keyEnv = node.has("api_key_env") && auth != Auth.NONE ? names(node.get("api_key_env"), where) : List.of();
        if (auth == Auth.AZURE_API_KEY && keyEnv.isEmpty()) {
            throw VaaException.usage(where + ": \"auth\": \"azure-api-key\" needs \"api_key_env\", the variable holding the key");
        }
        ObjectNode params = layer(Json.MAPPER.createObjectNode(), optionalObject(node, "params", where));
        Map<String, String> headers = new LinkedHashMap<>();
        optionalObject(node, "headers", where).fields().forEachRemaining(h -> {
            if (h.getValue().isNull()) {
                return;   // the project file turns off a header of the built-in catalog
            }
            if (!h.getValue().isTextual()) {
                throw VaaException.usage(where + ": header \"" + h.getKey() + "\" must be a string");
            }
            headers.put(h.getKey(), h.getValue().asText());
        });
        RequestHeaders.validate(headers, auth, where);
        String apiVersion = node.hasNonNull("api_version") ? text(node, "api_version", where, null) : null;
        return new Provider(name, baseUrl, baseUrlEnv, keyEnv, params, node.path("json_schema").asBoolean(true), auth, headers,
                apiVersion, limits(node, where), batchLimits(node, where));
    }

    /** {@code "batch": {"max_requests", "max_bytes"}}: the provider serves the Batch API with these limits per batch. */
    private static BatchLimits batchLimits(JsonNode node, String where) {
        JsonNode value = node.get("batch");
        if (value == null || value.isNull()) {
            return null;
        }
        requireObject(value, where + ": \"batch\"");
        JsonNode requests = value.get("max_requests");
        JsonNode bytes = value.get("max_bytes");
        if (requests == null || !requests.isIntegralNumber() || requests.asLong() < 1 || requests.asLong() > Integer.MAX_VALUE
                || bytes == null || !bytes.isIntegralNumber() || bytes.asLong() < 1) {
            throw VaaException.usage(where + ": \"batch\" must be {\"max_requests\": N, \"max_bytes\": N} (whole numbers above 0;"
                    + " the most requests and bytes one batch input file may hold), not " + value);
        }
        return new BatchLimits(requests.asInt(), bytes.asLong());
    }

    private static StatedLimits limits(JsonNode node, String where) {
        return new StatedLimits(perMinute(node, "rpm", where), perMinute(node, "tpm", where));
    }

    private static Prices prices(JsonNode node, JsonNode provider, String where) {
        double discount = fraction(node.has("batch_discount") ? node : provider, where);
        JsonNode price = node.get("price");
        if (price == null || price.isNull()) {
            return new Prices(null, null, null, discount);
        }
        requireObject(price, where + ": \"price\"");
        return new Prices(perMillion(price, "input", where), perMillion(price, "cached_input", where),
                perMillion(price, "output", where), discount);
    }

    private static Double perMillion(JsonNode price, String field, String where) {
        JsonNode value = price.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.asDouble() < 0) {
            throw VaaException.usage(where + ": \"price\"." + field + " must be USD per million tokens (a number, 0 or more), not " + value);
        }
        return value.asDouble();
    }

    private static double fraction(JsonNode node, String where) {
        JsonNode value = node.get("batch_discount");
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() >= 1) {
            throw VaaException.usage(where + ": \"batch_discount\" must be the fraction taken off (0 to below 1, e.g. 0.5), not " + value);
        }
        return value.asDouble();
    }

    private static int contextWindow(JsonNode node, String where) {
        JsonNode value = node.get("context_window");
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > Integer.MAX_VALUE) {
            throw VaaException.usage(where + ": \"context_window\" must be a whole number of tokens, not " + value);
        }
        return value.asInt();
    }

    private static long perMinute(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 1) {
            throw VaaException.usage(where + ": \"" + field + "\" must be a whole number of " + (field.equals("rpm") ? "requests" : "tokens")
                    + " per minute, not " + value);
        }
        return value.asLong();
    }

    private static Auth auth(JsonNode node, String where) {
        JsonNode value = node.get("auth");
        if (value == null || value.isNull()) {
            return Auth.BEARER;
        }
        return Auth.fromConfig(value.asText()).filter(a -> value.isTextual()).orElseThrow(() -> VaaException.usage(
                where + ": \"auth\" must be one of " + Auth.choices() + ", not " + value));
    }

    /** Entry parameters over provider defaults; a null entry value removes the default. */
    private static ObjectNode layer(ObjectNode defaults, ObjectNode overrides) {
        ObjectNode out = defaults.deepCopy();
        overrides.fields().forEachRemaining(field -> {
            if (field.getValue().isNull()) {
                out.remove(field.getKey());
            } else {
                out.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        return out;
    }

    private static List<String> names(JsonNode node, String where) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (!node.isNull()) {
            throw VaaException.usage(where + ": api_key_env must be a variable name or a list of names");
        }
        return out;
    }

    private static String text(JsonNode node, String field, String where, String fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (fallback == null) {
                throw VaaException.usage(where + ": \"" + field + "\" is required");
            }
            return fallback;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw VaaException.usage(where + ": \"" + field + "\" must be a non-empty string");
        }
        return value.asText();
    }

    private static ObjectNode object(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw VaaException.usage(where + ": \"" + field + "\" is required");
        }
        return requireObject(value, where + ": \"" + field + "\"");
    }

    private static ObjectNode optionalObject(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Json.MAPPER.createObjectNode() : requireObject(value, where + ": \"" + field + "\"");
    }

    private static ObjectNode requireObject(JsonNode node, String where) {
        if (!(node instanceof ObjectNode obj)) {
            throw VaaException.usage(where + " must be a JSON object");
        }
        return obj;
    }
}
