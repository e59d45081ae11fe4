package vaa.llm;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a provider takes its key, as {@code "auth"} in the catalog: {@code bearer} sends
 * {@code Authorization: Bearer <key>} (OpenAI and nearly every compatible server), {@code azure-api-key}
 * sends {@code api-key: <key>} (Azure OpenAI), {@code none} sends no credential at all (a local server,
 * or a gateway that takes its own header from {@code "headers"}).
 */
public enum Auth {
    BEARER("bearer", "Authorization"),
    AZURE_API_KEY("azure-api-key", "api-key"),
    NONE("none", null);

    private final String configName;
    private final String header;

    Auth(String configName, String header) {
        this.configName = configName;
        this.header = header;
    }

    public String configName() {
        return configName;
    }

    /** The header that carries the key, which the catalog's own headers must leave alone. */
    public Optional<String> header() {
        return Optional.ofNullable(header);
    }

    static Optional<Auth> fromConfig(String name) {
        return Arrays.stream(values()).filter(a -> a.configName.equals(name)).findFirst();
    }

    static String choices() {
        return Arrays.stream(values()).map(Auth::configName).collect(Collectors.joining(" | "));
    }
}
