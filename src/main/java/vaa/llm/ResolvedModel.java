package vaa.llm;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * A catalog entry bound to the environment: the base URL actually used (trailing slashes removed),
 * the API key, if the provider needs one, and the provider's extra headers with their variables
 * filled in. Key and headers are masked in every string form and left out of JSON, so a resolved
 * model can be recorded in a run's config.
 */
public record ResolvedModel(ModelEntry entry, String baseUrl, @JsonIgnore Optional<ApiKey> apiKey,
                            @JsonIgnore RequestHeaders headers) {
    public ResolvedModel {
        baseUrl = stripTrailingSlashes(baseUrl);
    }

    public String key() {
        return entry.key();
    }

    public String model() {
        return entry.model();
    }

    public String provider() {
        return entry.provider();
    }

    public ObjectNode params() {
        return entry.params();
    }

    public ObjectNode extraBody() {
        return entry.extraBody();
    }

    /** The base URL without user:password or query, for messages and config.json. */
    public String publicBaseUrl() {
        try {
            URI u = URI.create(baseUrl);
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
        } catch (IllegalArgumentException | URISyntaxException e) {
            return "(unparseable base URL)";
        }
    }

    /** The variable the key came from, for messages ("the API key in OPENAI_API_KEY"). */
    Optional<String> apiKeyVariable() {
        return apiKey.flatMap(ApiKey::variable);
    }

    /** The host named in messages ("HTTP 429 from api.groq.com"). */
    public String host() {
        try {
            String host = URI.create(baseUrl).getHost();
            return host == null ? baseUrl : host;
        } catch (IllegalArgumentException e) {
            return baseUrl;   // a malformed URL fails later with the SDK's message; here it only labels errors
        }
    }

    private static String stripTrailingSlashes(String url) {
        String s = url.strip();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    @Override
    public String toString() {
        return "ResolvedModel[key=" + entry.key() + ", provider=" + entry.provider() + ", model=" + entry.model()
                + ", baseUrl=" + publicBaseUrl() + ", apiKey=" + (apiKey.isPresent() ? "***" : "none") + ", headers=" + headers.names() + "]";
    }
}
