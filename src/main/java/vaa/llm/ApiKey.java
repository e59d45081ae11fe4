package vaa.llm;

import java.util.Objects;

/**
 * An API key that cannot leak by accident: {@code toString} is masked and there is no bean getter
 * for serialisers to find. Only the HTTP client calls {@link #reveal()}.
 */
public final class ApiKey {
    private final String value;

    private ApiKey(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public static ApiKey of(String value) {
        return new ApiKey(value);
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
