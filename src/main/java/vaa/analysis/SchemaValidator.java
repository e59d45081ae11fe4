package vaa.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Validates JSON against the subset of JSON Schema that vaa's own schemas use: type (one or a list),
 * enum, required, properties, additionalProperties=false, items, minimum. Errors name the JSON path,
 * so they can be sent back to the model verbatim when asking it to repair its answer.
 */
public final class SchemaValidator {
    private final JsonNode schema;

    public SchemaValidator(JsonNode schema) {
        this.schema = schema;
    }

    public List<String> validate(JsonNode value) {
        List<String> errors = new ArrayList<>();
        check(schema, value, "$", errors);
        return errors;
    }

    private void check(JsonNode s, JsonNode v, String path, List<String> errors) {
        JsonNode type = s.get("type");
        if (type != null && !typeMatches(type, v)) {
            errors.add(path + ": expected " + (type.isArray() ? join(type) : type.asText()) + ", got " + describe(v));
            return;
        }
        JsonNode en = s.get("enum");
        if (en != null && !v.isNull()) {
            boolean found = false;
            for (JsonNode option : en) {
                found |= option.equals(v);
            }
            if (!found) {
                errors.add(path + ": " + v + " is not one of " + join(en));
            }
        }
        JsonNode min = s.get("minimum");
        if (min != null && v.isNumber() && v.asDouble() < min.asDouble()) {
            errors.add(path + ": " + v + " is below the minimum " + min);
        }
        if (v.isObject()) {
            JsonNode props = s.get("properties");
            JsonNode required = s.get("required");
            if (required != null) {
                for (JsonNode r : required) {
                    if (!v.has(r.asText())) {
                        errors.add(path + ": missing required field \"" + r.asText() + "\"");
                    }
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode ps = props == null ? null : props.get(f.getKey());
                if (ps != null) {
                    check(ps, f.getValue(), path + "." + f.getKey(), errors);
                } else if (s.path("additionalProperties").isBoolean() && !s.get("additionalProperties").asBoolean()) {
                    errors.add(path + ": unexpected field \"" + f.getKey() + "\"");
                }
            }
        }
        if (v.isArray() && s.has("items")) {
            for (int i = 0; i < v.size(); i++) {
                check(s.get("items"), v.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    private static boolean typeMatches(JsonNode type, JsonNode v) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (is(t.asText(), v)) {
                    return true;
                }
            }
            return false;
        }
        return is(type.asText(), v);
    }

    private static boolean is(String type, JsonNode v) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "boolean" -> v.isBoolean();
            case "integer" -> v.isIntegralNumber() || (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()));
            case "number" -> v.isNumber();
            case "null" -> v.isNull();
            default -> false;
        };
    }

    private static String describe(JsonNode v) {
        if (v.isNull()) {
            return "null";
        }
        return v.getNodeType().name().toLowerCase();
    }

    private static String join(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.isTextual() ? "\"" + n.asText() + "\"" : n.toString()));
        return String.join(", ", out);
    }
}
