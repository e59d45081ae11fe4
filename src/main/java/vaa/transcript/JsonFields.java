package vaa.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import vaa.io.Json;

/** Typed, forgiving access to fields of parsed JSON; type mismatches become {@link NotATranscriptException}. */
final class JsonFields {
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

    static Double number(JsonNode parent, String field, String where) {
        JsonNode v = parent.get(field);
        if (!present(v)) {
            return null;
        }
        if (!v.isNumber()) {
            throw new NotATranscriptException(where + field + " must be a number");
        }
        return v.doubleValue();
    }

    static Long epochMillis(JsonNode parent, String field) {
        JsonNode v = parent.get(field);
        return present(v) && v.isNumber() ? v.longValue() : null;
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
