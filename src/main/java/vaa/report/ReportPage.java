package vaa.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vaa.metrics.Metrics;

/**
 * What report.html.mustache shows, as plain text values: the page's figures worded and formatted
 * (through ReportText, like the Markdown report), chosen and ordered, but not yet marked up. The
 * template owns every tag; nothing here is HTML, so nothing here needs escaping. A part that is
 * null is left out of the page; a list may be empty.
 */
record ReportPage(String toolVersion, String runId, List<ReportHeader.Field> fields, List<Link> nav, List<String> warnings,
                  Skipped skipped, List<Card> cards, Integer unreadable, Prose insightsMissing, Insights insights,
                  Outcomes outcomes, List<Categories> categories, Sentiment sentiment, JudgeVsLabels agreement, Latency latency,
                  List<StructuralRow> structural, Breakdown breakdown, String callsIntro, Appendix appendix, String generatedAt,
                  boolean insightsIncluded) {
    private static final int SUMMARY_CHARS = 180;
    private static final int CHART_CATEGORIES = 10;
    private static final int EXAMPLE_IDS = 5;
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    record Link(String id, String label) {}

    /** Text with {@code `x`} spans of vaa's own wording (never of model text) shown as code. */
    record Prose(List<Span> spans) {}

    record Span(String text, boolean code) {}

    /** The notice of a run analysed without a model. */
    record Skipped(String text, Prose howTo) {}

    /** A headline figure; {@code tone} (good, bad) may be null. */
    record Card(String label, String value, String sub, String tone) {}

    /**
     * The insights section: how they were made ({@code origin}; for computed ones the notice after
     * its bold lead, and {@code howTo} get a model's), then the themes.
     */
    record Insights(boolean computed, String origin, String howTo, String summary, List<Theme> themes) {}

    record Theme(int number, String title, String pill, String explanation, Recommendations recs, CallLinks ids) {}

    record Recommendations(String heading, List<String> items) {}

    /** Links to analysis files of calls, the first ones of a longer list; {@code more} is null when all are shown. */
    record CallLinks(List<CallLink> links, Integer more) {}

    /** {@code segment}: the call id as a URL path segment. */
    record CallLink(String id, String segment) {}

    record Outcomes(String judged, ReportSvg.Chart chart, List<OutcomeRow> rows) {}

    /** {@code css}: the suffix of the badge's o-* class. */
    record Badge(String css, String label) {}

    record OutcomeRow(Badge badge, String calls, String share, String ci) {}

    /** Friction or agent errors; {@code table} is null when none were found. */
    record Categories(String id, String title, String intro, String withAny, Quotes quotes, CategoryTable table) {}

    record Quotes(int verified, int total) {}

    /** {@code note}: why the chart shows fewer categories than the table, or null. */
    record CategoryTable(ReportSvg.Chart chart, String note, List<CategoryRow> rows) {}

    record CategoryRow(String label, String count, String calls, String share, CallLinks ids) {}

    /** The sentiment section; {@code matrix} is null when no sentiment was recorded. */
    record Sentiment(Matrix matrix) {}

    record Matrix(String total, String improved, String unchanged, String worsened, List<String> levels, List<MatrixRow> rows) {}

    record MatrixRow(String label, List<HeatCell> cells) {}

    /** {@code alpha}: the cell's shading, the share of the largest count. */
    record HeatCell(String alpha, String count) {}

    /** The judge against the run's labels: a row per measured field, then each field's matrix and disagreements. */
    record JudgeVsLabels(String intro, List<String> cautions, List<ReportAgreement.Row> rows, String notMeasured,
                         List<FieldDetail> fields, String method) {}

    /** {@code columns}: the judge's answers; each row is a label's answer with its counts. */
    record FieldDetail(String name, List<String> columns, List<ConfusionRow> rows, String disagreementsIntro,
                       List<DisagreementRow> disagreements) {}

    record ConfusionRow(String label, List<String> cells) {}

    record DisagreementRow(CallLink call, String label, String judge, String reviewer, String reason, String quote) {}

    /** {@code chart} is null when metrics.json has no histogram. */
    record Latency(String responses, String calls, List<Stat> stats, ReportSvg.Chart chart) {}

    record Stat(String name, String value) {}

    /** {@code values}: p50, p90, p95, mean, min, max. */
    record StructuralRow(String label, String n, List<String> values) {}

    record Breakdown(String field, List<Group> groups) {}

    /** {@code rates}: resolved, task completed, escalation requested. */
    record Group(String name, String calls, String judged, List<Rate> rates, String latencyP50, String latencyP95,
                 String durationP50) {}

    /** A share and its interval (null when there is none). */
    record Rate(String share, String ci) {}

    record Appendix(List<CallRow> rows) {}

    /** {@code badge} null shows a dash; {@code muted} text stands in for a summary the model did not give. */
    record CallRow(String id, String href, Badge badge, String intent, String text, boolean muted, String duration) {}

    static ReportPage of(ReportData d) {
        JsonNode m = d.metrics();
        boolean judged = !d.structuralOnly();
        List<Categories> categories = judged
                ? List.of(categories(d, "friction", "Friction", m.path("friction"), "friction",
                        "Points where the customer got stuck, by category, as the model found them."),
                categories(d, "errors", "Agent errors", m.path("agent_errors"), "errors",
                        "Mistakes the model attributed to the agent, by category."))
                : List.of();
        return new ReportPage(d.toolVersion(), d.header().runId(), d.header().fields(), nav(d), d.warnings(),
                d.structuralOnly() ? new Skipped(ReportText.judgementSkipped(), prose(ReportText.judgementHowTo(d))) : null,
                cards(d), positive(m.path("calls").path("unreadable_analyses").asInt(0)), insightsMissing(d), insights(d),
                judged ? outcomes(m) : null, categories, judged ? new Sentiment(matrix(m.path("sentiment"))) : null, agreement(d.agreement()),
                latency(m.path("structural").path("agent_response_latency_s")), structural(m.path("structural")),
                breakdown(m.path("breakdown")), ReportText.appendixIntro(d), d.calls().isEmpty() ? null : appendix(d),
                d.generatedAt(), d.insights() != null);
    }

    private static List<Link> nav(ReportData d) {
        List<Link> links = new ArrayList<>();
        links.add(new Link("headline", "Headline"));
        links.add(new Link("insights", "Insights"));
        if (!d.structuralOnly()) {
            links.add(new Link("outcomes", "Outcomes"));
            links.add(new Link("friction", "Friction"));
            links.add(new Link("errors", "Agent errors"));
            links.add(new Link("sentiment", "Sentiment"));
        }
        if (d.agreement() != null) {
            links.add(new Link("agreement", "Judge vs labels"));
        }
        links.add(new Link("latency", "Latency"));
        links.add(new Link("structural", "Structural"));
        if (d.metrics().path("breakdown").path("groups").isObject()) {
            links.add(new Link("breakdown", "Breakdown"));
        }
        links.add(new Link("calls", "Calls"));
        return links;
    }

    private static List<Card> cards(ReportData d) {
        JsonNode m = d.metrics();
        JsonNode c = m.path("calls");
        List<Card> cards = new ArrayList<>();
        cards.add(new Card("Calls analysed", ReportText.count(c.path("analyses")),
                ReportText.count(c.path("with_judgement")) + " with judgement \u00b7 " + ReportText.count(c.path("structural_only"))
                        + " structural only \u00b7 " + ReportText.count(c.path("failed")) + " failed", c.path("failed").asInt() > 0 ? "bad" : null));
        if (d.structuralOnly()) {
            // no rates to show: the cards carry the structural figures that do exist
            JsonNode st = m.path("structural");
            cards.add(summaryCard("Agent talk share", st.path("agent_talk_ratio"), true));
            cards.add(summaryCard("Utterances per call", st.path("utterances"), false));
            cards.add(summaryCard("Call duration (s)", st.path("duration_s"), false));
        } else {
            cards.add(rateCard(d, "Resolved", ReportText.resolved(m), "good"));
            cards.add(rateCard(d, "Task completed", m.path("task_completion"), null));
            cards.add(rateCard(d, "Escalation requested", m.path("escalation_requested"), null));
        }
        JsonNode lat = m.path("structural").path("agent_response_latency_s");
        if (lat.path("p50").isNumber()) {
            cards.add(new Card("Response latency p50", ReportText.seconds(lat.path("p50")),
                    "p95 " + ReportText.seconds(lat.path("p95")) + " \u00b7 " + ReportText.latencyBase(lat), null));
        } else {
            cards.add(new Card("Response latency p50", ReportText.NA, "no transcript has timestamps", null));
        }
        return cards;
    }

    private static Card rateCard(ReportData d, String label, JsonNode rate, String tone) {
        if (!rate.path("share").isNumber()) {
            return new Card(label, ReportText.NA, d.structuralOnly() ? "needs a model (judgement skipped)" : "no judged calls", null);
        }
        String ci = ReportText.ci(rate);
        return new Card(label, ReportText.pct(rate), (ci.isEmpty() ? "" : "95% CI " + ci + " \u00b7 ") + rate.path("count").asInt()
                + " of " + rate.path("n").asInt() + " judged", tone);
    }

    private static Card summaryCard(String label, JsonNode summary, boolean share) {
        JsonNode p50 = summary.path("p50");
        if (!p50.isNumber()) {
            return new Card(label, ReportText.NA, "no calls with this figure", null);
        }
        String value = share ? ReportText.pct(p50.asDouble()) : ReportText.num(Math.round(p50.asDouble() * 10) / 10.0);
        return new Card(label, value, "median \u00b7 p90 " + (share ? ReportText.pct(summary.path("p90").asDouble())
                : ReportText.num(summary.path("p90"))) + " \u00b7 n=" + ReportText.count(summary.path("n")), null);
    }

    private static Prose insightsMissing(ReportData d) {
        if (d.insights() != null) {
            return null;
        }
        if (d.insightsProblem() != null) {
            return new Prose(List.of(new Span(d.insightsProblem() + ". Run ", false), new Span("vaa insights", true),
                    new Span(" again.", false)));
        }
        return prose(ReportText.insightsMissing(d));
    }

    private static Insights insights(ReportData d) {
        JsonNode in = d.insights();
        if (in == null) {
            return null;
        }
        ReportInsights.Origin origin = ReportInsights.origin(in);
        String text = origin.text();
        if (origin.computed()) {
            String lead = "Computed without a model.";
            text = text.startsWith(lead) ? text.substring(lead.length()) : " " + text;
        }
        List<Theme> themes = new ArrayList<>();
        for (ReportInsights.Theme t : ReportInsights.themes(in)) {
            String pill = null;
            if (t.callCount() != null) {
                pill = t.callCount() + (t.callCount() == 1 ? " call" : " calls")
                        + (d.judged() > 0 ? " \u00b7 " + ReportText.pct((double) t.callCount() / d.judged()) : "");
            }
            Recommendations recs = t.recommendations().isEmpty() ? null
                    : new Recommendations(origin.computed() ? "Recommendations (rule-based)" : "Recommendations", t.recommendations());
            CallLinks ids = t.supportingCallIds().isEmpty() ? null : callLinks(t.supportingCallIds(), ReportInsights.MAX_IDS);
            themes.add(new Theme(themes.size() + 1, t.title(), pill, t.explanation(), recs, ids));
        }
        return new Insights(origin.computed(), text, origin.howTo(), ReportInsights.summary(in), themes);
    }

    private static Outcomes outcomes(JsonNode m) {
        List<ReportSvg.RateBar> bars = new ArrayList<>();
        List<OutcomeRow> rows = new ArrayList<>();
        for (JsonNode o : m.path("outcomes").path("distribution")) {
            String key = o.path("outcome").asText();
            JsonNode ci = o.path("ci95");
            bars.add(new ReportSvg.RateBar(ReportText.label(key), "o-" + cssKey(key), o.path("share").asDouble(0),
                    ci.path(0).isNumber() ? ci.path(0).asDouble() : null, ci.path(1).isNumber() ? ci.path(1).asDouble() : null,
                    o.path("count").asInt()));
            rows.add(new OutcomeRow(badge(key), ReportText.count(o.path("count")), ReportText.pct(o), ReportText.ci(o)));
        }
        return new Outcomes(ReportText.count(m.path("outcomes").path("n")),
                ReportSvg.rateBars(bars, "Outcome shares with 95% confidence intervals"), rows);
    }

    private static Categories categories(ReportData d, String id, String title, JsonNode f, String cssClass, String intro) {
        Quotes quotes = f.path("quotes").isNumber() ? new Quotes(f.path("quotes_verified").asInt(), f.path("quotes").asInt()) : null;
        String withAny = ReportText.rateLong(f.path("calls_with_any"));
        JsonNode cats = f.path("categories");
        if (!cats.isArray() || cats.isEmpty()) {
            return new Categories(id, title, intro, withAny, quotes, null);
        }
        String note = cats.size() > CHART_CATEGORIES
                ? "The chart shows the " + CHART_CATEGORIES + " largest of " + cats.size() + " categories; the table lists all."
                : null;
        List<CategoryRow> rows = new ArrayList<>();
        for (JsonNode c : cats) {
            List<String> ids = new ArrayList<>();
            c.path("example_call_ids").forEach(x -> ids.add(x.asText()));
            int calls = c.path("calls").asInt();
            rows.add(new CategoryRow(ReportText.label(c.path("category").asText()), ReportText.count(c.path("count")),
                    ReportText.count(c.path("calls")), d.judged() == 0 ? ReportText.NA : ReportText.pct((double) calls / d.judged()),
                    callLinks(ids, EXAMPLE_IDS)));
        }
        ReportSvg.Chart chart = ReportSvg.countBars(cats, d.judged(), cssClass, CHART_CATEGORIES, title + " by category");
        return new Categories(id, title, intro, withAny, quotes, new CategoryTable(chart, note, rows));
    }

    private static Matrix matrix(JsonNode s) {
        ReportSentiment sentiment = ReportSentiment.of(s);
        if (sentiment.total() == 0) {
            return null;
        }
        List<String> levels = sentiment.levels().stream().map(ReportText::label).toList();
        int max = Math.max(1, sentiment.max());
        List<MatrixRow> rows = new ArrayList<>();
        for (String from : sentiment.levels()) {
            List<HeatCell> cells = new ArrayList<>();
            for (String to : sentiment.levels()) {
                int n = sentiment.count(from, to);
                double a = n == 0 ? 0 : 0.10 + 0.55 * n / max;
                cells.add(new HeatCell(String.format(Locale.ROOT, "%.2f", a), ReportText.count(n)));
            }
            rows.add(new MatrixRow(ReportText.label(from), cells));
        }
        return new Matrix(ReportText.count(sentiment.total()), ReportText.count(sentiment.improved()),
                ReportText.count(sentiment.unchanged()), ReportText.count(sentiment.worsened()), levels, rows);
    }

    private static JudgeVsLabels agreement(vaa.agree.Agreement a) {
        if (a == null) {
            return null;
        }
        List<FieldDetail> fields = new ArrayList<>();
        a.fields().forEach((name, f) -> {
            if (!f.measured()) {
                return;
            }
            List<ConfusionRow> rows = new ArrayList<>();
            f.figures().confusion().forEach((label, cells) -> rows.add(new ConfusionRow(label,
                    cells.values().stream().map(ReportText::count).toList())));
            List<DisagreementRow> dis = ReportAgreement.disagreements(f).stream().map(x -> new DisagreementRow(
                    new CallLink(x.callId(), ReportText.urlSegment(x.callId())), x.label(), x.judge(), x.reviewer(), x.reason(), x.quote())).toList();
            int all = f.disagreements().size();
            String intro = all == 0 ? null : all + " disagreement" + (all == 1 ? "" : "s") + (all > dis.size() ? ", the first " + dis.size() : "") + ":";
            fields.add(new FieldDetail(name, f.categories(), rows, intro, dis));
        });
        return new JudgeVsLabels(ReportAgreement.intro(a), ReportAgreement.cautions(a), ReportAgreement.rows(a), ReportAgreement.notMeasured(a),
                fields, ReportAgreement.method(a));
    }

    private static Latency latency(JsonNode lat) {
        if (!lat.path("p50").isNumber()) {
            return null;
        }
        List<Stat> stats = new ArrayList<>();
        for (String k : List.of("p50", "p90", "p95", "mean", "max")) {
            stats.add(new Stat(k, ReportText.seconds(lat.path(k))));
        }
        boolean histogram = lat.path("histogram").isArray() && !lat.path("histogram").isEmpty();
        return new Latency(ReportText.count(lat.path("n")), ReportText.count(lat.path("calls_with_timing")), stats,
                histogram ? ReportSvg.histogram(lat, "Histogram of agent response latency") : null);
    }

    private static List<StructuralRow> structural(JsonNode s) {
        List<StructuralRow> rows = new ArrayList<>();
        for (ReportText.StructuralRow r : ReportText.structuralRows(s)) {
            JsonNode v = r.values();
            rows.add(new StructuralRow(r.label(), ReportText.count(v.path("n")),
                    ReportText.SUMMARY_KEYS.stream().map(k -> r.format(v.path(k))).toList()));
        }
        return rows;
    }

    private static Breakdown breakdown(JsonNode b) {
        if (!b.path("groups").isObject()) {
            return null;
        }
        List<Group> groups = new ArrayList<>();
        b.path("groups").fields().forEachRemaining(e -> {
            JsonNode g = e.getValue();
            JsonNode lat = g.path("structural").path("agent_response_latency_s");
            groups.add(new Group(e.getKey(), ReportText.count(g.path("analyses")), ReportText.count(g.path("with_judgement")),
                    List.of(rate(ReportText.resolved(g)), rate(g.path("task_completion")), rate(g.path("escalation_requested"))),
                    ReportText.fixed(lat.path("p50"), 2), ReportText.fixed(lat.path("p95"), 2),
                    ReportText.fixed(g.path("structural").path("duration_s").path("p50"), 1)));
        });
        return new Breakdown(b.path("field").asText(), groups);
    }

    private static Rate rate(JsonNode r) {
        String ci = ReportText.ci(r);
        return new Rate(ReportText.pct(r), ci.isEmpty() ? null : ci);
    }

    private static Appendix appendix(ReportData d) {
        List<CallRow> rows = new ArrayList<>();
        for (ReportCall c : d.calls()) {
            Badge badge = switch (c.kind()) {
                case JUDGED -> c.outcome() == null ? null : badge(c.outcome());
                case STRUCTURAL -> new Badge("none", "structural only");
                case FAILED, UNREADABLE -> new Badge("failed", ReportText.callOutcome(c));
            };
            rows.add(new CallRow(c.callId(), ReportText.analysisLink(c), badge, ReportText.oneLine(c.intent(), 60),
                    ReportText.oneLine(ReportText.callText(c), SUMMARY_CHARS), c.kind() != ReportCall.Kind.JUDGED,
                    c.durationS() == null ? ReportText.DASH : String.format(Locale.ROOT, "%.1f", c.durationS())));
        }
        return new Appendix(rows);
    }

    private static CallLinks callLinks(List<String> ids, int max) {
        List<CallLink> links = ids.subList(0, Math.min(max, ids.size())).stream()
                .map(id -> new CallLink(id, ReportText.urlSegment(id))).toList();
        return new CallLinks(links, ids.size() > max ? ids.size() - max : null);
    }

    private static Badge badge(String outcome) {
        return new Badge(cssKey(outcome), ReportText.label(outcome));
    }

    /** A model-given outcome as a CSS class suffix: known ones get their colour, others a neutral one. */
    private static String cssKey(String key) {
        return Metrics.OUTCOMES.contains(key) ? key.replace('_', '-') : "other";
    }

    /** Splits vaa's wording at its {@code `x`} spans. */
    static Prose prose(String s) {
        List<Span> spans = new ArrayList<>();
        Matcher m = CODE.matcher(s);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                spans.add(new Span(s.substring(at, m.start()), false));
            }
            spans.add(new Span(m.group(1), true));
            at = m.end();
        }
        if (at < s.length()) {
            spans.add(new Span(s.substring(at), false));
        }
        return new Prose(spans);
    }

    private static Integer positive(int n) {
        return n > 0 ? n : null;
    }
}
