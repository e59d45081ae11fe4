package vaa.prompt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vaa.io.Json;

/**
 * {@code {{variable}}} substitution with the semantics of the Langfuse Python SDK
 * ({@code langfuse.model.TemplateParser.compile_template}), which the seed's tools used:
 *
 * <ul>
 *   <li>a variable runs from {@code {{} to the next {@code }}}; the name between them is trimmed,
 *       so {@code {{ name }}} and {@code {{name}}} are the same variable;
 *   <li>a name not in the map is left exactly as written, braces and spaces included;
 *   <li>a {@code null} value becomes the empty string;
 *   <li>values are inserted once: text that a value brings in is never scanned again;
 *   <li>no sections, partials or escaping (that is the JS SDK's mustache, which also blanks unknown
 *       names; the seed relied on the Python behaviour).
 * </ul>
 *
 * Where Python would insert {@code str(value)} (a Python repr for dicts and lists), non-string values
 * are written as compact JSON, which is what a model should see.
 */
public final class PromptTemplate {
    private static final String OPEN = "{{";
    private static final String CLOSE = "}}";
    private static final ObjectWriter COMPACT = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private PromptTemplate() {}

    public static String compile(String template, Map<String, ?> variables) {
        if (template == null || variables == null || variables.isEmpty()) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length());
        int at = 0;
        while (at < template.length()) {
            Slot slot = nextSlot(template, at);
            if (slot == null) {
                out.append(template, at, template.length());
                break;
            }
            out.append(template, at, slot.start);
            if (variables.containsKey(slot.name)) {
                out.append(render(slot.name, variables.get(slot.name)));
            } else {
                out.append(template, slot.start, slot.end);
            }
            at = slot.end;
        }
        return out.toString();
    }

    /** The distinct variable names a template uses, in order of first use. */
    public static List<String> variables(String template) {
        Set<String> names = new LinkedHashSet<>();
        int at = 0;
        while (template != null && at < template.length()) {
            Slot slot = nextSlot(template, at);
            if (slot == null) {
                break;
            }
            names.add(slot.name);
            at = slot.end;
        }
        return new ArrayList<>(names);
    }

    private record Slot(String name, int start, int end) {}

    private static Slot nextSlot(String template, int from) {
        int start = template.indexOf(OPEN, from);
        if (start < 0) {
            return null;
        }
        int close = template.indexOf(CLOSE, start + OPEN.length());
        if (close < 0) {
            return null;
        }
        return new Slot(template.substring(start + OPEN.length(), close).strip(), start, close + CLOSE.length());
    }

    private static String render(String name, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof CharSequence || value instanceof Character) {
            return value.toString();
        }
        if (value instanceof JsonNode node && node.isTextual()) {
            return node.textValue();
        }
        try {
            return COMPACT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Template variable '" + name + "' cannot be written as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}
