package vaa.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import vaa.io.Json;

/** Typed, forgiving access to fields of parsed JSON; type mismatches become {@link NotATranscriptException}. */
final class JsonFields {
    /** 9999-12-31T23:59:59.999Z in epoch milliseconds. */
    private static final long MAX_MILLIS = 253_402_300_799_999L;

    private JsonFields() {}

    static boolean present(JsonNode node) {
        return node != null && !node.isMissingNode() && !node.isNull();
    }

    /** The field's text, null when absent or JSON null; numbers and booleans are given as written. */
    static String text(JsonNode parent, String field, String where) {
        JsonNode v = parent.get(field);
        if (!present(v)) {
            return null;
        }
        if (v.isContainerNode()) {
            throw new NotATranscriptException(where + field + " must be a string");
        }
        return v.asText();
    }

    /** A finite number, null when absent; 1e400 parses as infinity, which no time or duration can be. */
    static Double number(JsonNode parent, String field, String where) {
        JsonNode v = parent.get(field);
        if (!present(v)) {
            return null;
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw new NotATranscriptException(where + field + " must be a number");
        }
        return v.doubleValue();
    }

    /**
     * Milliseconds (an epoch time or a duration) between 0 and the end of year 9999, null when absent or outside that
     * range: a platform's optional timing field is no reason to refuse a call, and the bound keeps differences from
     * overflowing.
     */
    static Long millis(JsonNode parent, String field) {
        JsonNode v = parent.get(field);
        if (!present(v) || !v.isNumber()) {
            return null;
        }
        double ms = v.doubleValue();
        return ms >= 0 && ms <= MAX_MILLIS ? v.longValue() : null;
    }

    /** The node as plain Java values (LinkedHashMap, ArrayList, String, Number, Boolean, null). */
    static Object plain(JsonNode node) {
        return Json.MAPPER.convertValue(node, Object.class);
    }

    /** Copies the listed fields of {@code source} that are present into {@code target}, in the order given. */
    static void copyPresent(JsonNode source, Map<String, Object> target, String... fields) {
        for (String f : fields) {
            JsonNode v = source.get(f);
            if (present(v)) {
                target.put(f, plain(v));
            }
        }
    }

    static Map<String, Object> objectAsMap(JsonNode node, String what) {
        if (!present(node)) {
            return new LinkedHashMap<>();
        }
        if (!node.isObject()) {
            throw new NotATranscriptException(what + " must be a JSON object");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), plain(e.getValue())));
        return out;
    }
}
