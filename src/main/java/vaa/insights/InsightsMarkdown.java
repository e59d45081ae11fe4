package vaa.insights;

import java.util.List;
import java.util.Map;

/** reports/insights.md: the same content as insights.json, for reading. Call ids link to their analysis files. */
final class InsightsMarkdown {
    /** Beyond this many ids a theme's list gets long to read; the rest are named as a count and are in insights.json. */
    static final int MAX_IDS_SHOWN = 30;

    private InsightsMarkdown() {}

    static String render(InsightsReport r) {
        StringBuilder b = new StringBuilder();
        b.append("# Insights: run ").append(r.runId()).append("\n\n");
        if (r.computedWithoutModel()) {
            b.append("> **Computed without a model.** ").append(r.notice()).append("\n>\n")
                    .append("> Why: ").append(r.modelSkippedReason()).append("\n>\n")
                    .append("> ").append(r.howToConfigure()).append("\n\n");
        } else {
            b.append("Synthesised by model ").append(describeModel(r.model())).append(" with prompt ")
                    .append(describePrompt(r.prompt())).append(". ").append(method(r.method())).append("\n\n");
        }
        b.append("Generated ").append(r.generatedAt()).append(".\n\n");
        if (r.summary() != null && !r.summary().isBlank()) {
            b.append("## Summary\n\n").append(r.summary()).append("\n\n");
        }
        if (r.themes().isEmpty()) {
            b.append("No themes were found.\n");
        }
        int i = 1;
        for (InsightTheme t : r.themes()) {
            b.append("## ").append(i++).append(". ").append(t.title()).append("\n\n");
            b.append("**Calls:** ").append(t.callCount()).append("\n\n");
            if (t.explanation() != null && !t.explanation().isBlank()) {
                b.append(t.explanation()).append("\n\n");
            }
            if (!t.recommendations().isEmpty()) {
                b.append(r.computedWithoutModel() ? "**Recommendations** (rule-based, per category):\n\n" : "**Recommendations:**\n\n");
                t.recommendations().forEach(rec -> b.append("- ").append(rec).append('\n'));
                b.append('\n');
            }
            if (!t.supportingCallIds().isEmpty()) {
                b.append("**Supporting calls** (").append(t.supportingCallIds().size()).append("): ").append(links(t.supportingCallIds())).append("\n\n");
            }
        }
        if (!r.invalidIdsRemoved().isEmpty()) {
            b.append("## Call ids removed\n\n").append("The model cited ").append(r.invalidIdsRemoved().size())
                    .append(" id").append(r.invalidIdsRemoved().size() == 1 ? "" : "s")
                    .append(" that are not calls of this run; they were removed from the themes:\n\n");
            r.invalidIdsRemoved().forEach(x -> b.append("- `").append(x.id()).append("` in \"").append(x.theme())
                    .append("\" (").append(x.step()).append(")\n"));
            b.append('\n');
        }
        return b.toString();
    }

    private static String links(List<String> ids) {
        StringBuilder b = new StringBuilder();
        int shown = Math.min(ids.size(), MAX_IDS_SHOWN);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append('[').append(ids.get(i)).append("](../analyses/").append(ids.get(i)).append(".json)");
        }
        if (ids.size() > shown) {
            b.append(" and ").append(ids.size() - shown).append(" more (all listed in insights.json)");
        }
        return b.toString();
    }

    static String method(InsightMethod m) {
        if (InsightMethod.SINGLE_PASS.equals(m.mode())) {
            return "One request over the notes of " + m.callsInNotes() + " calls (about " + m.singlePassTokens()
                    + " tokens, budget " + m.budgetTokens() + ").";
        }
        if (InsightMethod.MAP_REDUCE.equals(m.mode())) {
            return "The notes of " + m.callsInNotes() + " calls (about " + m.singlePassTokens() + " tokens) exceeded the budget of "
                    + m.budgetTokens() + " tokens (" + m.budgetBasis() + "), so they were summarised in " + m.chunks() + " batches"
                    + (m.levels() > 1 ? " over " + m.levels() + " rounds" : "") + " and the batch themes merged; no note was left out ("
                    + m.requests() + " requests).";
        }
        return "Computed without a model.";
    }

    static String describeModel(Map<String, Object> m) {
        if (m == null) {
            return "none";
        }
        return m.get("key") + " (" + m.get("model") + " via " + m.get("provider") + ")";
    }

    static String describePrompt(Map<String, Object> p) {
        if (p == null) {
            return "none";
        }
        String s = p.get("name") + " v" + p.get("version") + " (" + p.get("source") + ")";
        if (p.get("chunk_prompt") instanceof Map<?, ?> c) {
            s += ", batches with " + c.get("name") + " v" + c.get("version") + " (" + c.get("source") + ")";
        }
        return s;
    }
}
