package vaa.transcript;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep, order-preserving immutable copies of JSON-like values (maps, lists, scalars, nulls). */
final class Values {
    private Values() {}

    static Map<String, Object> immutableMap(Map<String, ?> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        // LinkedHashMap rather than Map.copyOf: keeps source order (deterministic output) and allows null values
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, immutable(v)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    static Object immutable(Object value) {
        if (value instanceof Map<?, ?> m) {
            return immutableMap((Map<String, ?>) m);
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(v -> copy.add(immutable(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
