package vaa.llm;

import java.util.Objects;
import java.util.Optional;

/**
 * An API key that cannot leak by accident: {@code toString} is masked and there is no bean getter
 * for serialisers to find. Only the HTTP client calls {@link #reveal()}.
 */
public final class ApiKey {
    private final String value;
    private final String variable;

    private ApiKey(String value, String variable) {
        this.value = Objects.requireNonNull(value);
        this.variable = variable;
    }

    public static ApiKey of(String value) {
        return new ApiKey(value, null);
    }

    /** A key read from an environment variable, which messages about a rejected key then name. */
    public static ApiKey fromVariable(String variable, String value) {
        return new ApiKey(value, Objects.requireNonNull(variable));
    }

    public Optional<String> variable() {
        return Optional.ofNullable(variable);
    }

    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "ApiKey[***]";
    }
}
