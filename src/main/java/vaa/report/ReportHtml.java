package vaa.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vaa.metrics.Metrics;

/**
 * reports/report.html: one self-contained page (inline CSS and SVG, no scripts, no external
 * references) that opens from disk, survives being mailed around and prints. The markup is
 * XHTML-compatible so that tests can parse it as XML; everything that came from a transcript or a
 * model is escaped.
 */
final class ReportHtml {
    private static final String CSS_RESOURCE = "/vaa/report/report.css";
    private static final int SUMMARY_CHARS = 180;
    private static final int CHART_CATEGORIES = 10;

    private final ReportData d;
    private final StringBuilder out = new StringBuilder(64 * 1024);

    private ReportHtml(ReportData d) {
        this.d = d;
    }

    static String render(ReportData d) {
        return new ReportHtml(d).build();
    }

    private String build() {
        JsonNode m = d.metrics();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<meta name=\"color-scheme\" content=\"light dark\"/>\n")
                .append("<meta name=\"generator\" content=\"vaa ").append(esc(d.toolVersion())).append("\"/>\n")
                .append("<title>Call analysis report \u00b7 run ").append(esc(d.header().runId())).append("</title>\n")
                .append("<style>\n").append(css()).append("</style>\n</head>\n<body>\n");
        header();
        nav();
        out.append("<main>\n");
        for (String w : d.warnings()) {
            out.append("<div class=\"callout warn\"><strong>Warning.</strong> ").append(esc(w)).append("</div>\n");
        }
        headline(m);
        insights();
        if (!d.structuralOnly()) {
            outcomes(m);
            categories("friction", "Friction", m.path("friction"), "friction",
                    "Points where the customer got stuck, by category, as the model found them.");
            categories("errors", "Agent errors", m.path("agent_errors"), "errors",
                    "Mistakes the model attributed to the agent, by category.");
            sentiment(m.path("sentiment"));
        }
        latency(m.path("structural").path("agent_response_latency_s"));
        structural(m.path("structural"));
        breakdown(m.path("breakdown"));
        appendix();
        out.append("</main>\n<footer>Generated ").append(esc(d.generatedAt())).append(" by vaa ").append(esc(d.toolVersion()))
                .append(" from <code>reports/metrics.json</code>")
                .append(d.insights() != null ? ", <code>reports/insights.json</code>" : "")
                .append(" and the run\u2019s <code>analyses/</code>. Rates are shares of judged calls with Wilson 95% confidence intervals.</footer>\n")
                .append("</body>\n</html>\n");
        return out.toString();
    }

    private void header() {
        out.append("<header class=\"top\">\n<p class=\"eyebrow\">Voice Agent Analytics \u00b7 call analysis report</p>\n")
                .append("<h1>Run <span class=\"runid\">").append(esc(d.header().runId())).append("</span></h1>\n<dl class=\"meta\">\n");
        for (ReportHeader.Field f : d.header().fields()) {
            out.append("<div><dt>").append(esc(f.label())).append("</dt><dd>").append(esc(f.value())).append("</dd></div>\n");
        }
        out.append("</dl>\n</header>\n");
    }

    private void nav() {
        List<String[]> links = new ArrayList<>();
        links.add(new String[] {"headline", "Headline"});
        links.add(new String[] {"insights", "Insights"});
        if (!d.structuralOnly()) {
            links.add(new String[] {"outcomes", "Outcomes"});
            links.add(new String[] {"friction", "Friction"});
            links.add(new String[] {"errors", "Agent errors"});
            links.add(new String[] {"sentiment", "Sentiment"});
        }
        links.add(new String[] {"latency", "Latency"});
        links.add(new String[] {"structural", "Structural"});
        if (d.metrics().path("breakdown").path("groups").isObject()) {
            links.add(new String[] {"breakdown", "Breakdown"});
        }
        links.add(new String[] {"calls", "Calls"});
        out.append("<nav>");
        for (String[] l : links) {
            out.append("<a href=\"#").append(l[0]).append("\">").append(l[1]).append("</a>");
        }
        out.append("</nav>\n");
    }

    private void headline(JsonNode m) {
        JsonNode c = m.path("calls");
        section("headline", "Headline figures");
        if (d.structuralOnly()) {
            out.append("<div class=\"callout info\"><p><strong>").append(esc(ReportText.judgementSkipped())).append("</strong></p><p>")
                    .append(code(esc(ReportText.judgementHowTo(d)))).append("</p></div>\n");
        }
        out.append("<div class=\"cards\">\n");
        card("Calls analysed", ReportText.count(c.path("analyses")),
                ReportText.count(c.path("with_judgement")) + " with judgement \u00b7 " + ReportText.count(c.path("structural_only"))
                        + " structural only \u00b7 " + ReportText.count(c.path("failed")) + " failed", c.path("failed").asInt() > 0 ? "bad" : null);
        if (d.structuralOnly()) {
            // no rates to show: the cards carry the structural figures that do exist
            JsonNode st = m.path("structural");
            summaryCard("Agent talk share", st.path("agent_talk_ratio"), true);
            summaryCard("Utterances per call", st.path("utterances"), false);
            summaryCard("Call duration (s)", st.path("duration_s"), false);
        } else {
            rateCard("Resolved", ReportText.resolved(m), "good");
            rateCard("Task completed", m.path("task_completion"), null);
            rateCard("Escalation requested", m.path("escalation_requested"), null);
        }
        JsonNode lat = m.path("structural").path("agent_response_latency_s");
        if (lat.path("p50").isNumber()) {
            card("Response latency p50", ReportText.seconds(lat.path("p50")),
                    "p95 " + ReportText.seconds(lat.path("p95")) + " \u00b7 " + ReportText.count(lat.path("n")) + " responses in "
                            + ReportText.count(lat.path("calls_with_timing")) + " calls", null);
        } else {
            card("Response latency p50", ReportText.NA, "no transcript has timestamps", null);
        }
        out.append("</div>\n");
        int unreadable = c.path("unreadable_analyses").asInt(0);
        if (unreadable > 0) {
            out.append("<p class=\"note\">").append(unreadable).append(" analysis file(s) could not be read and are not counted.</p>\n");
        }
        out.append("</section>\n");
    }

    private void rateCard(String label, JsonNode rate, String tone) {
        if (!rate.path("share").isNumber()) {
            card(label, ReportText.NA, d.structuralOnly() ? "needs a model (judgement skipped)" : "no judged calls", null);
            return;
        }
        String ci = ReportText.ci(rate);
        card(label, ReportText.pct(rate), (ci.isEmpty() ? "" : "95% CI " + ci + " \u00b7 ") + rate.path("count").asInt() + " of "
                + rate.path("n").asInt() + " judged", tone);
    }

    private void summaryCard(String label, JsonNode summary, boolean share) {
        JsonNode p50 = summary.path("p50");
        if (!p50.isNumber()) {
            card(label, ReportText.NA, "no calls with this figure", null);
            return;
        }
        String value = share ? ReportText.pct(p50.asDouble()) : ReportText.num(Math.round(p50.asDouble() * 10) / 10.0);
        card(label, value, "median \u00b7 p90 " + (share ? ReportText.pct(summary.path("p90").asDouble()) : ReportText.num(summary.path("p90")))
                + " \u00b7 n=" + ReportText.count(summary.path("n")), null);
    }

    private void card(String label, String value, String sub, String tone) {
        out.append("<div class=\"card").append(tone == null ? "" : " " + tone).append("\"><div class=\"card-label\">").append(esc(label))
                .append("</div><div class=\"card-value\">").append(esc(value)).append("</div><div class=\"card-sub\">").append(esc(sub))
                .append("</div></div>\n");
    }

    private void insights() {
        section("insights", "Insights");
        JsonNode in = d.insights();
        if (in == null) {
            out.append("<p class=\"empty\">").append(d.insightsProblem() != null
                    ? esc(d.insightsProblem()) + ". Run <code>vaa insights</code> again."
                    : code(esc(ReportText.insightsMissing(d))))
                    .append("</p>\n</section>\n");
            return;
        }
        ReportInsights.Origin origin = ReportInsights.origin(in);
        if (origin.computed()) {
            String lead = "Computed without a model.";
            String rest = origin.text().startsWith(lead) ? origin.text().substring(lead.length()) : " " + origin.text();
            out.append("<div class=\"callout info\"><p><strong>").append(lead).append("</strong>").append(esc(rest)).append("</p>");
            if (origin.howTo() != null) {
                out.append("<p>").append(esc(origin.howTo())).append("</p>");
            }
            out.append("</div>\n");
        } else {
            out.append("<p class=\"provenance\">").append(esc(origin.text())).append("</p>\n");
        }
        String summary = ReportInsights.summary(in);
        if (summary != null) {
            out.append("<p class=\"summary\">").append(esc(summary)).append("</p>\n");
        }
        List<ReportInsights.Theme> themes = ReportInsights.themes(in);
        if (themes.isEmpty()) {
            out.append("<p class=\"empty\">The insights contain no themes.</p>\n");
        }
        out.append("<div class=\"themes\">\n");
        int i = 1;
        for (ReportInsights.Theme t : themes) {
            out.append("<article class=\"theme\">\n<h3><span class=\"num\">").append(i++).append("</span>").append(esc(t.title()));
            if (t.callCount() != null) {
                out.append(" <span class=\"pill\">").append(t.callCount()).append(t.callCount() == 1 ? " call" : " calls");
                if (d.judged() > 0) {
                    out.append(" \u00b7 ").append(ReportText.pct((double) t.callCount() / d.judged()));
                }
                out.append("</span>");
            }
            out.append("</h3>\n");
            if (t.explanation() != null) {
                out.append("<p>").append(esc(t.explanation())).append("</p>\n");
            }
            if (!t.recommendations().isEmpty()) {
                out.append("<div class=\"recs\"><div class=\"recs-title\">").append(origin.computed() ? "Recommendations (rule-based)" : "Recommendations")
                        .append("</div><ul>\n");
                for (String r : t.recommendations()) {
                    out.append("<li>").append(esc(r)).append("</li>\n");
                }
                out.append("</ul></div>\n");
            }
            if (!t.supportingCallIds().isEmpty()) {
                out.append("<p class=\"ids\">Supporting calls: ").append(callLinks(t.supportingCallIds(), ReportInsights.MAX_IDS)).append("</p>\n");
            }
            out.append("</article>\n");
        }
        out.append("</div>\n</section>\n");
    }

    private void outcomes(JsonNode m) {
        section("outcomes", "Outcomes");
        out.append("<p class=\"lead\">Share of the ").append(ReportText.count(m.path("outcomes").path("n")))
                .append(" judged calls by outcome; whiskers show the Wilson 95% confidence interval.</p>\n");
        List<ReportSvg.RateBar> bars = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        for (JsonNode o : m.path("outcomes").path("distribution")) {
            String key = o.path("outcome").asText();
            JsonNode ci = o.path("ci95");
            bars.add(new ReportSvg.RateBar(ReportText.label(key), "o-" + cssKey(key), o.path("share").asDouble(0),
                    ci.path(0).isNumber() ? ci.path(0).asDouble() : null, ci.path(1).isNumber() ? ci.path(1).asDouble() : null,
                    o.path("count").asInt()));
            rows.add(new String[] {badge(key, ReportText.label(key)), ReportText.count(o.path("count")), esc(ReportText.pct(o)),
                    esc(ReportText.ci(o))});
        }
        out.append("<div class=\"split\"><div class=\"figure\">").append(ReportSvg.rateBars(bars, "Outcome shares with 95% confidence intervals"))
                .append("</div>\n");
        table("data compact", new String[] {"Outcome", "Calls", "Share", "95% CI"}, rows, 1);
        out.append("</div>\n</section>\n");
    }

    private void categories(String id, String title, JsonNode f, String cssClass, String intro) {
        section(id, title);
        out.append("<p class=\"lead\">").append(esc(intro)).append(" Calls with at least one: <strong>")
                .append(esc(ReportText.rateLong(f.path("calls_with_any")))).append("</strong>.");
        if (f.path("quotes").isNumber()) {
            out.append(" Quotes verified verbatim in the transcript: ").append(f.path("quotes_verified").asInt()).append(" of ")
                    .append(f.path("quotes").asInt()).append('.');
        }
        out.append("</p>\n");
        JsonNode cats = f.path("categories");
        if (!cats.isArray() || cats.isEmpty()) {
            out.append("<p class=\"empty\">None found.</p>\n</section>\n");
            return;
        }
        out.append("<div class=\"figure\">").append(ReportSvg.countBars(cats, d.judged(), cssClass, CHART_CATEGORIES,
                title + " by category")).append("</div>\n");
        if (cats.size() > CHART_CATEGORIES) {
            out.append("<p class=\"note\">The chart shows the ").append(CHART_CATEGORIES).append(" largest of ").append(cats.size())
                    .append(" categories; the table lists all.</p>\n");
        }
        List<String[]> rows = new ArrayList<>();
        for (JsonNode c : cats) {
            List<String> ids = new ArrayList<>();
            c.path("example_call_ids").forEach(x -> ids.add(x.asText()));
            int calls = c.path("calls").asInt();
            rows.add(new String[] {esc(ReportText.label(c.path("category").asText())), ReportText.count(c.path("count")),
                    ReportText.count(c.path("calls")), d.judged() == 0 ? ReportText.NA : esc(ReportText.pct((double) calls / d.judged())),
                    "<span class=\"ids\">" + callLinks(ids, 5) + "</span>"});
        }
        table("data", new String[] {"Category", "Occurrences", "Calls", "Share of calls", "Example calls"}, rows, 1, 4);
        out.append("</section>\n");
    }

    private void sentiment(JsonNode s) {
        section("sentiment", "Sentiment: start to end");
        ReportSentiment matrix = ReportSentiment.of(s);
        if (matrix.total() == 0) {
            out.append("<p class=\"empty\">No sentiment was recorded.</p>\n</section>\n");
            return;
        }
        out.append("<p class=\"lead\">How the customer\u2019s sentiment moved between the start and the end of ").append(ReportText.count(matrix.total()))
                .append(" judged calls. <span class=\"up\">Improved ").append(ReportText.count(matrix.improved())).append("</span> \u00b7 unchanged ")
                .append(ReportText.count(matrix.unchanged())).append(" \u00b7 <span class=\"down\">worsened ").append(ReportText.count(matrix.worsened())).append("</span>.</p>\n");
        out.append("<table class=\"matrix\"><thead><tr><th>Start \u2193 \u00a0 End \u2192</th>");
        for (String l : matrix.levels()) {
            out.append("<th class=\"num\">").append(esc(ReportText.label(l))).append("</th>");
        }
        out.append("</tr></thead><tbody>\n");
        int max = Math.max(1, matrix.max());
        for (String from : matrix.levels()) {
            out.append("<tr><th>").append(esc(ReportText.label(from))).append("</th>");
            for (String to : matrix.levels()) {
                int n = matrix.count(from, to);
                double a = n == 0 ? 0 : 0.10 + 0.55 * n / max;
                out.append(String.format(Locale.ROOT, "<td class=\"num heat\" style=\"background-color: rgba(64, 120, 230, %.2f)\">%s</td>", a, ReportText.count(n)));
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n</section>\n");
    }

    private void latency(JsonNode lat) {
        section("latency", "Agent response latency");
        if (!lat.path("p50").isNumber()) {
            out.append("<p class=\"empty\">No transcript in this run has timestamps, so response latency cannot be measured.</p>\n</section>\n");
            return;
        }
        out.append("<p class=\"lead\">Time from the end of a customer turn to the start of the agent\u2019s reply, over ")
                .append(ReportText.count(lat.path("n"))).append(" responses in ").append(ReportText.count(lat.path("calls_with_timing")))
                .append(" calls with timestamps.</p>\n<div class=\"stats\">");
        for (String k : new String[] {"p50", "p90", "p95", "mean", "max"}) {
            out.append("<div><span>").append(k).append("</span><strong>").append(esc(ReportText.seconds(lat.path(k)))).append("</strong></div>");
        }
        out.append("</div>\n");
        if (lat.path("histogram").isArray() && !lat.path("histogram").isEmpty()) {
            out.append("<div class=\"figure\">").append(ReportSvg.histogram(lat, "Histogram of agent response latency")).append("</div>\n");
        }
        out.append("</section>\n");
    }

    private void structural(JsonNode s) {
        section("structural", "Structural figures");
        out.append("<p class=\"lead\">From the transcripts alone, for every analysed call; <em>n</em> is the number of values behind each row.</p>\n");
        List<String[]> rows = new ArrayList<>();
        for (ReportText.StructuralRow r : ReportText.structuralRows(s)) {
            JsonNode v = r.values();
            List<String> cells = new ArrayList<>(List.of(esc(r.label()), ReportText.count(v.path("n"))));
            for (String k : ReportText.SUMMARY_KEYS) {
                cells.add(esc(r.format(v.path(k))));
            }
            rows.add(cells.toArray(String[]::new));
        }
        table("data", new String[] {"Figure", "n", "p50", "p90", "p95", "Mean", "Min", "Max"}, rows, 1);
        out.append("</section>\n");
    }

    private void breakdown(JsonNode b) {
        if (!b.path("groups").isObject()) {
            return;
        }
        section("breakdown", "Breakdown by " + b.path("field").asText());
        List<String[]> rows = new ArrayList<>();
        b.path("groups").fields().forEachRemaining(e -> {
            JsonNode g = e.getValue();
            JsonNode lat = g.path("structural").path("agent_response_latency_s");
            rows.add(new String[] {esc(e.getKey()), ReportText.count(g.path("analyses")), ReportText.count(g.path("with_judgement")),
                    rateCell(ReportText.resolved(g)), rateCell(g.path("task_completion")), rateCell(g.path("escalation_requested")),
                    ReportText.fixed(lat.path("p50"), 2), ReportText.fixed(lat.path("p95"), 2),
                    ReportText.fixed(g.path("structural").path("duration_s").path("p50"), 1)});
        });
        table("data", new String[] {"Group", "Calls", "Judged", "Resolved", "Task completed", "Escalation", "Latency p50 (s)",
                "Latency p95 (s)", "Duration p50 (s)"}, rows, 1);
        out.append("</section>\n");
    }

    private static String rateCell(JsonNode r) {
        String ci = ReportText.ci(r);
        return esc(ReportText.pct(r)) + (ci.isEmpty() ? "" : "<span class=\"ci\">" + esc(ci) + "</span>");
    }

    private void appendix() {
        section("calls", "Calls");
        out.append("<p class=\"lead\">").append(esc(ReportText.appendixIntro(d))).append("</p>\n");
        if (d.calls().isEmpty()) {
            out.append("</section>\n");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        for (ReportCall c : d.calls()) {
            String outcome = switch (c.kind()) {
                case JUDGED -> c.outcome() == null ? ReportText.DASH : badge(c.outcome(), ReportText.label(c.outcome()));
                case STRUCTURAL -> "<span class=\"badge o-none\">structural only</span>";
                case FAILED, UNREADABLE -> "<span class=\"badge o-failed\">" + esc(ReportText.callOutcome(c)) + "</span>";
            };
            String text = esc(ReportText.oneLine(ReportText.callText(c), SUMMARY_CHARS));
            rows.add(new String[] {"<a class=\"id\" href=\"" + esc(ReportText.analysisLink(c)) + "\">" + esc(c.callId()) + "</a>", outcome,
                    esc(ReportText.oneLine(c.intent(), 60)),
                    c.kind() == ReportCall.Kind.JUDGED ? text : "<span class=\"muted\">" + text + "</span>",
                    c.durationS() == null ? ReportText.DASH : String.format(Locale.ROOT, "%.1f", c.durationS())});
        }
        table("data calls", new String[] {"Call", "Outcome", "Intent", "Summary", "Duration (s)"}, rows, 4);
        out.append("</section>\n");
    }

    private String callLinks(List<String> ids, int max) {
        StringBuilder s = new StringBuilder();
        for (String id : ids.subList(0, Math.min(max, ids.size()))) {
            if (!s.isEmpty()) {
                s.append(' ');
            }
            s.append("<a class=\"id\" href=\"../analyses/").append(esc(ReportText.urlSegment(id))).append(".json\">").append(esc(id)).append("</a>");
        }
        if (ids.size() > max) {
            s.append(" <span class=\"muted\">+").append(ids.size() - max).append(" more</span>");
        }
        return s.toString();
    }

    private static String badge(String key, String label) {
        return "<span class=\"badge o-" + cssKey(key) + "\">" + esc(label) + "</span>";
    }

    /** A model-given outcome as a CSS class suffix: known ones get their colour, others a neutral one. */
    private static String cssKey(String key) {
        return Metrics.OUTCOMES.contains(key) ? key.replace('_', '-') : "other";
    }

    private void section(String id, String title) {
        out.append("<section id=\"").append(id).append("\">\n<h2>").append(esc(title)).append("</h2>\n");
    }

    /**
     * A table of ready-made cells (already escaped). Columns from {@code firstNumeric} on are right
     * aligned, except those listed as text.
     */
    private void table(String cssClass, String[] head, List<String[]> rows, int firstNumeric, int... textColumns) {
        out.append("<div class=\"table-wrap\"><table class=\"").append(cssClass).append("\"><thead><tr>");
        for (int i = 0; i < head.length; i++) {
            out.append("<th").append(numeric(i, firstNumeric, textColumns) ? " class=\"num\"" : "").append(">").append(esc(head[i])).append("</th>");
        }
        out.append("</tr></thead><tbody>\n");
        for (String[] r : rows) {
            out.append("<tr>");
            for (int i = 0; i < r.length; i++) {
                out.append("<td").append(numeric(i, firstNumeric, textColumns) ? " class=\"num\"" : "").append(">").append(r[i]).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table></div>\n");
    }

    private static boolean numeric(int col, int firstNumeric, int[] textColumns) {
        if (col < firstNumeric) {
            return false;
        }
        for (int t : textColumns) {
            if (t == col) {
                return false;
            }
        }
        return true;
    }

    /** `x` spans of vaa's own wording (never of model text) as code. */
    private static String code(String escaped) {
        return escaped.replaceAll("`([^`]+)`", "<code>$1</code>");
    }

    private static String css() {
        try (InputStream in = ReportHtml.class.getResourceAsStream(CSS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + CSS_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Text for HTML content and attribute values. Characters XML cannot carry (control codes a
     * transcript may hold) become U+FFFD so that the page stays well-formed.
     */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                            || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
                    if (ok) {
                        b.appendCodePoint(cp);
                    } else {
                        b.append('\uFFFD');
                    }
                }
            }
        }
        return b.toString();
    }
}
