package vaa.assist;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * How seed 002 turned JSON values into text, so prompts and logs read exactly as its tools wrote them:
 * {@code json.dumps(value, ensure_ascii=False, indent=2)} for the state given to the model, Python's
 * {@code str()} for values in the log's state summary, {@code repr()} for the speaker-label line.
 */
final class Py {
    private Py() {}

    /** {@code json.dumps(node, ensure_ascii=False, indent=2)}. */
    static String dumps(JsonNode node) {
        StringBuilder out = new StringBuilder();
        dumps(node, 0, out);
        return out.toString();
    }

    /** Python's {@code str()} of the value json.load would have produced. */
    static String str(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "None";
        }
        return node.isTextual() ? node.textValue() : repr(node);
    }

    /** Python's {@code repr()} of the value json.load would have produced. */
    static String repr(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "None";
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? "True" : "False";
        }
        if (node.isTextual()) {
            return repr(node.textValue());
        }
        if (node.isNumber()) {
            return number(node);
        }
        StringBuilder out = new StringBuilder();
        if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(repr(node.get(i)));
            }
            return out.append(']').toString();
        }
        out.append('{');
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        boolean first = true;
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            out.append(first ? "" : ", ").append(repr(f.getKey())).append(": ").append(repr(f.getValue()));
            first = false;
        }
        return out.append('}').toString();
    }

    /** Python's {@code repr()} of a string: single quotes unless the text has some and no double ones. */
    static String repr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == quote) {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append(quote).toString();
    }

    /** Python's {@code len()} of a string: code points, not UTF-16 units. */
    static int len(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Python's {@code s[:n]}. */
    static String head(String s, int n) {
        return len(s) <= n ? s : s.substring(0, s.offsetByCodePoints(0, n));
    }

    private static void dumps(JsonNode node, int depth, StringBuilder out) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            boolean first = true;
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                out.append(first ? "" : ",");
                newline(depth + 1, out);
                quote(f.getKey(), out);
                out.append(": ");
                dumps(f.getValue(), depth + 1, out);
                first = false;
            }
            newline(depth, out);
            out.append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                newline(depth + 1, out);
                dumps(node.get(i), depth + 1, out);
            }
            newline(depth, out);
            out.append(']');
        } else if (node.isTextual()) {
            quote(node.textValue(), out);
        } else if (node.isBoolean()) {
            out.append(node.booleanValue() ? "true" : "false");
        } else if (node.isNumber()) {
            out.append(number(node));
        } else {
            out.append("null");
        }
    }

    private static void newline(int depth, StringBuilder out) {
        out.append('\n').append("  ".repeat(depth));
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static String number(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        return floatRepr(node.doubleValue());
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String exp = String.format("%02d", Math.abs(exponent));
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
        }
        String plain = exact.abs().toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }
}
