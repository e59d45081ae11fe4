package vaa.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import vaa.agree.Agreement;

/**
 * reports/report.md: the same content as the HTML report, as GitHub-flavoured Markdown tables.
 * Model-written text is escaped so that it can neither break a table nor inject HTML into a
 * Markdown viewer.
 */
final class ReportMarkdown {
    private static final Pattern MD_SPECIAL = Pattern.compile("([\\\\`*_\\[\\]<>|&~])");
    private static final int SUMMARY_CHARS = 140;

    private final ReportData d;
    private final StringBuilder out = new StringBuilder(16_384);

    private ReportMarkdown(ReportData d) {
        this.d = d;
    }

    static String render(ReportData d) {
        return new ReportMarkdown(d).build();
    }

    private String build() {
        JsonNode m = d.metrics();
        line("# Call analysis report: run " + esc(d.header().runId()));
        line("");
        for (ReportHeader.Field f : d.header().fields()) {
            line("- **" + f.label() + ":** " + esc(f.value()));
        }
        line("- **Report generated:** " + esc(d.generatedAt()) + " by vaa " + esc(d.toolVersion()));
        line("");
        for (String w : d.warnings()) {
            line("> **Warning:** " + esc(w));
            line("");
        }
        headline(m);
        insights();
        if (!d.structuralOnly()) {
            outcomes(m);
            categories("Friction", m.path("friction"), "Friction points the model found in the calls, by category.");
            categories("Agent errors", m.path("agent_errors"), "Mistakes the model attributed to the agent, by category.");
            sentiment(m.path("sentiment"));
        }
        if (d.agreement() != null) {
            agreement(d.agreement());
        }
        latency(m.path("structural").path("agent_response_latency_s"));
        structural(m.path("structural"));
        breakdown(m.path("breakdown"));
        appendix();
        return out.toString();
    }

    private void headline(JsonNode m) {
        JsonNode c = m.path("calls");
        section("Headline figures");
        if (d.structuralOnly()) {
            line("> **" + ReportText.judgementSkipped() + "**");
            line(">");
            line("> " + ReportText.judgementHowTo(d));
            line("");
        }
        table(List.of("Figure", "Value"), List.of(
                List.of("Calls analysed", ReportText.count(c.path("analyses")) + " (" + ReportText.count(c.path("with_judgement"))
                        + " with judgement, " + ReportText.count(c.path("structural_only")) + " structural only, "
                        + ReportText.count(c.path("failed")) + " failed)"),
                List.of("Resolution rate", ReportText.rateLong(ReportText.resolved(m))),
                List.of("Task completed", ReportText.rateLong(m.path("task_completion"))),
                List.of("Escalation requested", ReportText.rateLong(m.path("escalation_requested"))),
                List.of("Agent response latency", ReportText.latencyLine(m.path("structural").path("agent_response_latency_s")))), "ll");
        int unreadable = c.path("unreadable_analyses").asInt(0);
        if (unreadable > 0) {
            line("");
            line(unreadable + " analysis file(s) could not be read and are not counted.");
        }
    }

    private void insights() {
        section("Insights");
        JsonNode in = d.insights();
        if (in == null) {
            line(d.insightsProblem() != null ? esc(d.insightsProblem()) + ". Run `vaa insights` again." : ReportText.insightsMissing(d));
            return;
        }
        ReportInsights.Origin origin = ReportInsights.origin(in);
        if (origin.computed()) {
            line("> " + esc(origin.text()));
            if (origin.howTo() != null) {
                line(">");
                line("> " + esc(origin.howTo()));
            }
        } else {
            line("*" + esc(origin.text()) + "*");
        }
        line("");
        String summary = ReportInsights.summary(in);
        if (summary != null) {
            line(esc(summary));
            line("");
        }
        List<ReportInsights.Theme> themes = ReportInsights.themes(in);
        if (themes.isEmpty()) {
            line("The insights contain no themes.");
            return;
        }
        int i = 1;
        for (ReportInsights.Theme t : themes) {
            line("### " + i++ + ". " + esc(t.title()));
            line("");
            if (t.callCount() != null) {
                line("**Calls:** " + t.callCount() + (d.judged() > 0 ? " of " + d.judged() + " judged" : ""));
                line("");
            }
            if (t.explanation() != null) {
                line(esc(t.explanation()));
                line("");
            }
            if (!t.recommendations().isEmpty()) {
                line(origin.computed() ? "Recommendations (rule-based, per category):" : "Recommendations:");
                line("");
                for (String r : t.recommendations()) {
                    line("- " + esc(r));
                }
                line("");
            }
            if (!t.supportingCallIds().isEmpty()) {
                line("Supporting calls: " + callLinks(t.supportingCallIds(), ReportInsights.MAX_IDS));
                line("");
            }
        }
    }

    private void outcomes(JsonNode m) {
        section("Outcomes");
        line("Share of the " + ReportText.count(m.path("outcomes").path("n")) + " judged calls, with Wilson 95% confidence intervals.");
        line("");
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode o : m.path("outcomes").path("distribution")) {
            rows.add(List.of(esc(ReportText.label(o.path("outcome").asText())), ReportText.count(o.path("count")),
                    ReportText.pct(o), ReportText.ci(o)));
        }
        table(List.of("Outcome", "Calls", "Share", "95% CI"), rows, "lrrr");
    }

    private void categories(String title, JsonNode f, String intro) {
        section(title);
        JsonNode any = f.path("calls_with_any");
        line(intro + " Calls with at least one: " + ReportText.rateLong(any) + ".");
        if (f.path("quotes").isNumber()) {
            line("Quotes verified verbatim in the transcript: " + f.path("quotes_verified").asInt() + " of " + f.path("quotes").asInt() + ".");
        }
        line("");
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode c : f.path("categories")) {
            List<String> ids = new ArrayList<>();
            c.path("example_call_ids").forEach(x -> ids.add(x.asText()));
            rows.add(List.of(esc(ReportText.label(c.path("category").asText())), ReportText.count(c.path("count")),
                    ReportText.count(c.path("calls")), share(c.path("calls").asInt(), d.judged()), callLinks(ids, 5)));
        }
        if (rows.isEmpty()) {
            line("None found.");
            return;
        }
        table(List.of("Category", "Occurrences", "Calls", "Share of calls", "Example calls"), rows, "lrrrl");
    }

    private void sentiment(JsonNode s) {
        section("Sentiment: start to end");
        ReportSentiment matrix = ReportSentiment.of(s);
        if (matrix.total() == 0) {
            line("No sentiment was recorded.");
            return;
        }
        line("Rows: sentiment at the start of the call; columns: at the end (" + ReportText.count(matrix.total()) + " calls).");
        line("");
        List<String> head = new ArrayList<>();
        head.add("Start \\ End");
        matrix.levels().forEach(l -> head.add(ReportText.label(l)));
        List<List<String>> rows = new ArrayList<>();
        for (String from : matrix.levels()) {
            List<String> row = new ArrayList<>();
            row.add(ReportText.label(from));
            for (String to : matrix.levels()) {
                row.add(ReportText.count(matrix.count(from, to)));
            }
            rows.add(row);
        }
        table(head, rows, "l" + "r".repeat(matrix.levels().size()));
        line("");
        line("Improved: " + ReportText.count(matrix.improved()) + ", unchanged: " + ReportText.count(matrix.unchanged()) + ", worsened: "
                + ReportText.count(matrix.worsened()) + ".");
    }

    private void agreement(Agreement a) {
        section("Judge vs labels");
        line(esc(ReportAgreement.intro(a)));
        line("");
        for (String c : ReportAgreement.cautions(a)) {
            line("> " + esc(c));
            line("");
        }
        List<List<String>> rows = new ArrayList<>();
        ReportAgreement.rows(a).forEach(r -> rows.add(List.of(esc(r.field()), r.n(), r.accuracy(), r.kappa(), esc(ReportText.orDash(r.note())))));
        table(List.of("Field", "n", "Accuracy (95% CI)", "Kappa (95% CI)", "Note"), rows, "lrrrl");
        String notMeasured = ReportAgreement.notMeasured(a);
        if (notMeasured != null) {
            line("");
            line(esc(notMeasured));
        }
        a.fields().forEach((name, f) -> {
            if (!f.measured()) {
                return;
            }
            line("");
            line("### " + esc(name));
            line("");
            List<String> head = new ArrayList<>(List.of("Label \\ Judge"));
            f.categories().forEach(c -> head.add(esc(c)));
            List<List<String>> matrix = new ArrayList<>();
            f.figures().confusion().forEach((label, cells) -> {
                List<String> row = new ArrayList<>(List.of(esc(label)));
                cells.values().forEach(n -> row.add(ReportText.count(n)));
                matrix.add(row);
            });
            table(head, matrix, "l" + "r".repeat(f.categories().size()));
            List<ReportAgreement.Disagreement> dis = ReportAgreement.disagreements(f);
            if (dis.isEmpty()) {
                return;
            }
            line("");
            line(f.disagreements().size() + " disagreement(s)" + (f.disagreements().size() > dis.size() ? ", the first " + dis.size() : "") + ":");
            line("");
            List<List<String>> drows = new ArrayList<>();
            dis.forEach(x -> drows.add(List.of(callLinks(List.of(x.callId()), 1), esc(x.label()), esc(x.judge()), esc(x.reviewer()),
                    esc(x.reason()), esc(x.quote()))));
            table(List.of("Call", "Label", "Judge", "Reviewer", "Judge's reason", "Transcript"), drows, "llllll");
        });
        line("");
        line("*" + esc(ReportAgreement.method(a)) + "*");
    }

    private void latency(JsonNode lat) {
        section("Agent response latency");
        if (!lat.path("p50").isNumber()) {
            line("No transcript in this run has timestamps, so response latency cannot be measured.");
            return;
        }
        line("Time from the end of a customer turn to the start of the agent's reply: " + ReportText.latencyLine(lat)
                + ". p90 " + ReportText.seconds(lat.path("p90")) + ", mean " + ReportText.seconds(lat.path("mean"))
                + ", max " + ReportText.seconds(lat.path("max")) + ".");
        JsonNode hist = lat.path("histogram");
        if (!hist.isArray() || hist.isEmpty()) {
            return;
        }
        line("");
        int max = 1;
        for (JsonNode b : hist) {
            max = Math.max(max, b.path("count").asInt());
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode b : hist) {
            int n = b.path("count").asInt();
            int len = (int) Math.round(30.0 * n / max);
            rows.add(List.of(ReportSvg.binLabel(b) + " s", ReportText.count(n), len == 0 ? "" : "`" + "#".repeat(len) + "`"));
        }
        table(List.of("Latency", "Responses", "Histogram"), rows, "lrl");
    }

    private void structural(JsonNode s) {
        section("Structural figures");
        line("Computed from the transcripts alone, for every analysed call; n is the number of values behind each row.");
        line("");
        List<List<String>> rows = new ArrayList<>();
        for (ReportText.StructuralRow r : ReportText.structuralRows(s)) {
            JsonNode v = r.values();
            List<String> cells = new ArrayList<>(List.of(r.label(), ReportText.count(v.path("n"))));
            for (String k : ReportText.SUMMARY_KEYS) {
                cells.add(r.format(v.path(k)));
            }
            rows.add(cells);
        }
        table(List.of("Figure", "n", "p50", "p90", "p95", "Mean", "Min", "Max"), rows, "lrrrrrrr");
    }

    private void breakdown(JsonNode b) {
        if (!b.path("groups").isObject()) {
            return;
        }
        section("Breakdown by " + esc(b.path("field").asText()));
        List<List<String>> rows = new ArrayList<>();
        b.path("groups").fields().forEachRemaining(e -> {
            JsonNode g = e.getValue();
            JsonNode lat = g.path("structural").path("agent_response_latency_s");
            rows.add(List.of(esc(e.getKey()), ReportText.count(g.path("analyses")), ReportText.count(g.path("with_judgement")),
                    rateCell(ReportText.resolved(g)), rateCell(g.path("task_completion")), rateCell(g.path("escalation_requested")),
                    ReportText.fixed(lat.path("p50"), 2), ReportText.fixed(lat.path("p95"), 2),
                    ReportText.fixed(g.path("structural").path("duration_s").path("p50"), 1)));
        });
        table(List.of("Group", "Calls", "Judged", "Resolved", "Task completed", "Escalation", "Latency p50 (s)",
                "Latency p95 (s)", "Duration p50 (s)"), rows, "lrrrrrrrr");
    }

    private static String rateCell(JsonNode r) {
        String ci = ReportText.ci(r);
        return ReportText.pct(r) + (ci.isEmpty() ? "" : " (" + ci + ")");
    }

    private void appendix() {
        section("Calls");
        line(ReportText.appendixIntro(d));
        line("");
        List<List<String>> rows = new ArrayList<>();
        for (ReportCall c : d.calls()) {
            String link = "[" + esc(c.callId()) + "](" + ReportText.analysisLink(c) + ")";
            rows.add(List.of(link, esc(ReportText.callOutcome(c)), esc(ReportText.oneLine(c.intent(), 60)),
                    esc(ReportText.oneLine(ReportText.callText(c), SUMMARY_CHARS)),
                    c.durationS() == null ? ReportText.DASH : String.format(java.util.Locale.ROOT, "%.1f", c.durationS())));
        }
        if (!rows.isEmpty()) {
            table(List.of("Call", "Outcome", "Intent", "Summary", "Duration (s)"), rows, "llllr");
        }
    }

    private String callLinks(List<String> ids, int max) {
        List<String> links = new ArrayList<>();
        for (String id : ids.subList(0, Math.min(max, ids.size()))) {
            links.add("[" + esc(id) + "](../analyses/" + ReportText.urlSegment(id) + ".json)");
        }
        String s = String.join(", ", links);
        return ids.size() > max ? s + " and " + (ids.size() - max) + " more" : s;
    }

    private static String share(int k, int n) {
        return n == 0 ? ReportText.NA : ReportText.pct((double) k / n);
    }

    private void section(String title) {
        line("");
        line("## " + title);
        line("");
    }

    /** A table; {@code align} has one letter per column, 'r' for right-aligned (numbers), anything else left. */
    private void table(List<String> head, List<List<String>> rows, String align) {
        line("| " + String.join(" | ", head) + " |");
        StringBuilder sep = new StringBuilder("|");
        for (int i = 0; i < head.size(); i++) {
            sep.append(i < align.length() && align.charAt(i) == 'r' ? " ---: |" : " --- |");
        }
        line(sep.toString());
        for (List<String> r : rows) {
            line("| " + String.join(" | ", r) + " |");
        }
    }

    private void line(String s) {
        out.append(s).append('\n');
    }

    /** Model text in Markdown: one line, and every character that could start markup escaped. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        String flat = s.replaceAll("[\\r\\n]+", " ").replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]", "\uFFFD");
        return MD_SPECIAL.matcher(flat).replaceAll("\\\\$1");
    }
}
