package vaa.assist;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The log's compact view of a state: phase, customer profile, objections, pain points, value props, commitments. */
public final class StateSummary {
    private StateSummary() {}

    /** The phase as the step line shows it ("?" when the state has none). */
    public static String phase(JsonNode state) {
        return state.has("phase") ? Py.str(state.get("phase")) : "?";
    }

    public static String format(JsonNode state) {
        List<String> parts = new ArrayList<>();
        parts.add("  phase: " + phase(state));

        JsonNode cp = state.path("customer_profile");
        if (cp.isObject() && !cp.isEmpty()) {
            String disc = cp.has("disc_primary") ? Py.str(cp.get("disc_primary")) : "?";
            JsonNode noteNode = cp.path("approach_note");
            String note = noteNode.isMissingNode() || noteNode.isNull() ? "" : Py.str(noteNode);
            String preview = Py.len(note) > 60 ? Py.head(note, 60) + "..." : note;
            parts.add("  customer_profile: {disc_primary: \"" + disc + "\", approach_note: \"" + preview + "\"}");
        } else if (truthy(cp) && !cp.isObject()) {
            parts.add("  customer_profile: " + Py.str(cp));
        } else {
            parts.add("  customer_profile: null");
        }

        parts.add("  objections: " + items(state.path("objections"), "status"));
        parts.add("  pain_points: " + items(state.path("pain_points"), "severity"));
        parts.add("  value_props_delivered: " + count(state.path("value_props_delivered")));
        parts.add("  commitments: " + count(state.path("commitments")));
        return String.join("\n", parts);
    }

    /** {@code [{id: "o1", status: "open"}, ...]}, or {@code []} for a missing or empty list. */
    private static String items(JsonNode list, String second) {
        if (!list.isArray() || list.isEmpty()) {
            return "[]";
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : list) {
            out.add("{id: \"" + field(item, "id") + "\", " + second + ": \"" + field(item, second) + "\"}");
        }
        return "[" + String.join(", ", out) + "]";
    }

    private static String field(JsonNode item, String name) {
        return item.has(name) ? Py.str(item.get(name)) : "?";
    }

    private static int count(JsonNode node) {
        if (node.isArray() || node.isObject()) {
            return node.size();
        }
        return node.isTextual() ? Py.len(node.textValue()) : 0;
    }

    private static boolean truthy(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return false;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.doubleValue() != 0;
        }
        if (node.isTextual()) {
            return !node.textValue().isEmpty();
        }
        return !node.isEmpty();
    }
}
