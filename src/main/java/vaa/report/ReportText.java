package vaa.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Wording and number formatting shared by the Markdown and HTML reports, so both say the same
 * thing in the same way. Numbers always use Locale.ROOT: a report must not change with the
 * machine's locale.
 */
final class ReportText {
    static final String NA = "n/a";
    static final String DASH = "\u2014";

    private ReportText() {}

    /** "partially_resolved" → "Partially resolved". */
    static String label(String key) {
        if (key == null || key.isBlank()) {
            return "(none)";
        }
        String s = key.replace('_', ' ').trim();
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A rate object of metrics.json ({count, n, share, ci95}) as "32.5%". */
    static String pct(JsonNode rate) {
        JsonNode share = rate.path("share");
        return share.isNumber() ? pct(share.asDouble()) : NA;
    }

    static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    /** "23.2–43.4%", or empty when there is no interval. */
    static String ci(JsonNode rate) {
        JsonNode ci = rate.path("ci95");
        if (!ci.isArray() || ci.size() != 2 || !ci.get(0).isNumber() || !ci.get(1).isNumber()) {
            return "";
        }
        return String.format(Locale.ROOT, "%.1f\u2013%.1f%%", 100 * ci.get(0).asDouble(), 100 * ci.get(1).asDouble());
    }

    /** "32.5% (95% CI 23.2–43.4%, 26 of 80)" — the full statement of a rate. */
    static String rateLong(JsonNode rate) {
        if (!rate.path("share").isNumber()) {
            return NA + " (no judgements)";
        }
        String ci = ci(rate);
        return pct(rate) + " (" + (ci.isEmpty() ? "" : "95% CI " + ci + ", ") + rate.path("count").asInt() + " of "
                + rate.path("n").asInt() + ")";
    }

    /** Up to three decimals, trailing zeros dropped: 1.66, 7.048, 12. */
    static String num(JsonNode v) {
        return v.isNumber() ? num(v.asDouble()) : DASH;
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** A figure with a fixed number of decimals, so that a column lines up. */
    static String fixed(JsonNode v, int decimals) {
        return v.isNumber() ? String.format(Locale.ROOT, "%." + decimals + "f", v.asDouble()) : DASH;
    }

    /** Two decimals for seconds in running text: "1.66 s". */
    static String seconds(JsonNode v) {
        return v.isNumber() ? String.format(Locale.ROOT, "%.2f s", v.asDouble()) : NA;
    }

    /** "1 call", "7 calls". */
    static String calls(long n) {
        return count(n) + (n == 1 ? " call" : " calls");
    }

    /** Below this many calls with timestamps, a latency figure is flagged as resting on a small base. */
    static final int SMALL_LATENCY_BASE = 5;

    static String latencyBase(JsonNode lat) {
        long calls = lat.path("calls_with_timing").asLong();
        return count(lat.path("n")) + " responses in " + calls(calls) + " with timestamps"
                + (calls < SMALL_LATENCY_BASE ? "; a small base" : "");
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String count(JsonNode v) {
        return v.isNumber() ? count(v.asLong()) : DASH;
    }

    /** "2026-01-21T14:30:00" → "2026-01-21 14:30:00": the stored timestamps, for reading. */
    static String time(String iso) {
        return iso == null ? DASH : iso.replaceFirst("^(\\d{4}-\\d{2}-\\d{2})T", "$1 ");
    }

    /** Text, or the dash when the model left it out. */
    static String orDash(String s) {
        return s == null || s.isBlank() ? DASH : s;
    }

    /** One line of at most {@code max} characters: summaries go into table cells. */
    static String oneLine(String s, int max) {
        if (s == null) {
            return "";
        }
        String flat = s.replaceAll("\\s+", " ").trim();
        if (flat.length() <= max) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', max - 1);
        return flat.substring(0, cut > max / 2 ? cut : max - 1) + "\u2026";
    }

    /** A call id as a relative URL path segment; ids are file names but may hold spaces or '#'. */
    static String urlSegment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The link from reports/ to a call's analysis (or error) file. */
    static String analysisLink(ReportCall c) {
        return "../analyses/" + urlSegment(c.callId()) + (c.kind() == ReportCall.Kind.FAILED ? ".error.json" : ".json");
    }

    /** The "resolved" entry of an outcome distribution (missing when there is none): the resolution rate. */
    static JsonNode resolved(JsonNode m) {
        for (JsonNode o : m.path("outcomes").path("distribution")) {
            if ("resolved".equals(o.path("outcome").asText())) {
                return o;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** "p50 1.66 s, p95 7.05 s (16 responses in 4 calls with timestamps)". */
    static String latencyLine(JsonNode lat) {
        if (!lat.path("p50").isNumber()) {
            return NA + " (no transcript has timestamps)";
        }
        return "p50 " + seconds(lat.path("p50")) + ", p95 " + seconds(lat.path("p95")) + " (" + latencyBase(lat) + ")";
    }

    /** How to name this run on the command line in a hint. */
    static String runFlag(ReportData d) {
        return d.legacy() ? "--legacy" : "--run-id " + d.header().runId();
    }

    /** The plain statement a structural-only report makes, with what to do about it. */
    static String judgementSkipped() {
        return "Judgement was skipped: no model was configured when this run was analysed, so outcomes, task completion,"
                + " escalation, sentiment, friction and agent errors are not available. The structural figures below come"
                + " from the transcripts alone.";
    }

    static String judgementHowTo(ReportData d) {
        return "To get judgements, make a model available (set its API key in the environment or in .env; `vaa models list`"
                + " shows the configured models and whether each key is set), then analyse again: `vaa analyze "
                + runFlag(d) + " --model KEY`, or, for a sealed run, a new run on the same sample: `vaa run --from "
                + d.header().runId() + " --model KEY`.";
    }

    static String insightsMissing(ReportData d) {
        return "Insights not generated yet (run `vaa insights " + runFlag(d) + "`).";
    }

    /** The columns of a structural summary after n, in table order. */
    static final List<String> SUMMARY_KEYS = List.of("p50", "p90", "p95", "mean", "min", "max");

    /**
     * One row of the structural table: a label, the metrics.json summary {n, p50, ...} behind it,
     * and how many decimals its values deserve (seconds to the hundredth, counts to a tenth).
     */
    record StructuralRow(String label, JsonNode values, int decimals) {
        String format(JsonNode v) {
            return fixed(v, decimals);
        }
    }

    static List<StructuralRow> structuralRows(JsonNode structural) {
        List<StructuralRow> rows = new ArrayList<>();
        Object[][] known = {
            {"agent_response_latency_s", "Agent response latency (s, per response)", 2},
            {"agent_talk_ratio", "Agent share of talk (0–1)", 2},
            {"interruptions", "Interruptions per call", 1},
            {"longest_silence_s", "Longest silence (s)", 2},
            {"duration_s", "Call duration (s)", 1},
            {"utterances", "Utterances per call", 1},
        };
        List<String> seen = new ArrayList<>();
        for (Object[] k : known) {
            String key = (String) k[0];
            seen.add(key);
            if (structural.path(key).isObject()) {
                rows.add(new StructuralRow((String) k[1], structural.path(key), (Integer) k[2]));
            }
        }
        // figures metrics may add later still show, under their own name
        structural.fields().forEachRemaining(e -> {
            if (!seen.contains(e.getKey()) && e.getValue().isObject() && e.getValue().has("n")) {
                rows.add(new StructuralRow(label(e.getKey()), e.getValue(), 2));
            }
        });
        return rows;
    }

    static String appendixIntro(ReportData d) {
        String s = "Every call of the run with the file behind it (links open the analysis JSON in analyses/).";
        if (d.totalCalls() > d.calls().size()) {
            s += " Showing the first " + count(d.calls().size()) + " of " + count(d.totalCalls())
                    + " calls by call id; every analysis is in the run's analyses/ directory.";
        }
        return d.totalCalls() == 0 ? "The run has no analyses." : s;
    }

    /** The outcome cell: the judged outcome, or what stands in for it. */
    static String callOutcome(ReportCall c) {
        return switch (c.kind()) {
            case JUDGED -> c.outcome() == null ? DASH : label(c.outcome());
            case STRUCTURAL -> "structural only";
            case FAILED -> "analysis failed";
            case UNREADABLE -> "unreadable";
        };
    }

    /** The summary cell: the model's summary, or the error that stands in for it. */
    static String callText(ReportCall c) {
        return switch (c.kind()) {
            case JUDGED -> orDash(c.summary());
            case STRUCTURAL -> "(no judgement: no model configured)";
            case FAILED, UNREADABLE -> orDash(c.error());
        };
    }
}
