package vaa.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's inline SVG charts. Colours come from CSS classes of the page's stylesheet (so the
 * charts follow light and dark mode and print), never from fills baked in here; every text is
 * escaped. Each chart has a fixed design width and scales down with the page (viewBox).
 */
final class ReportSvg {
    private static final int WIDTH = 760;

    private ReportSvg() {}

    /** A share of a whole with its interval, one bar per row. */
    record RateBar(String label, String cssClass, double share, Double lo, Double hi, int count) {}

    /** Horizontal bars of shares with 95% CI whiskers; the axis ends at the largest upper bound, rounded up. */
    static String rateBars(List<RateBar> bars, String title) {
        int labelW = 130;
        int x0 = labelW + 10;
        int plotW = 360;
        int rowH = 32;
        int top = 10;
        int h = top + rowH * bars.size() + 30;
        double max = 0.1;
        for (RateBar b : bars) {
            max = Math.max(max, Math.max(b.share(), b.hi() == null ? 0 : b.hi()));
        }
        max = Math.min(1.0, Math.ceil(max * 10 - 1e-9) / 10.0);
        double step = max <= 0.5 ? 0.1 : 0.2;
        StringBuilder s = open(x0 + plotW + 110, h, title);
        int axisY = top + rowH * bars.size();
        for (double t = 0; t <= max + 1e-9; t += step) {
            double x = x0 + plotW * t / max;
            s.append(line(x, top - 4, x, axisY, "grid"));
            s.append(text(x, axisY + 16, "middle", "tick", String.format(Locale.ROOT, "%d%%", Math.round(t * 100))));
        }
        for (int i = 0; i < bars.size(); i++) {
            RateBar b = bars.get(i);
            double cy = top + rowH * i + rowH / 2.0;
            s.append(text(labelW, cy + 4, "end", "lbl", b.label()));
            double w = plotW * b.share() / max;
            s.append(String.format(Locale.ROOT, "<rect class=\"bar %s\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"18\" rx=\"3\"/>",
                    b.cssClass(), x0, cy - 9, Math.max(w, b.count() > 0 ? 1.5 : 0)));
            if (b.lo() != null && b.hi() != null) {
                double xl = x0 + plotW * b.lo() / max;
                double xh = x0 + plotW * b.hi() / max;
                s.append("<g class=\"whisker\">").append(line(xl, cy, xh, cy, null)).append(line(xl, cy - 6, xl, cy + 6, null))
                        .append(line(xh, cy - 6, xh, cy + 6, null)).append("</g>");
            }
            s.append(text(x0 + plotW + 14, cy + 4, "start", "val", ReportText.pct(b.share()) + "  (" + ReportText.count(b.count()) + ")"));
        }
        return s.append("</svg>").toString();
    }

    /** Horizontal bars of counts (friction or error categories), the top {@code limit} rows. */
    static String countBars(JsonNode categories, int judged, String cssClass, int limit, String title) {
        List<JsonNode> rows = new ArrayList<>();
        categories.forEach(rows::add);
        rows = rows.subList(0, Math.min(limit, rows.size()));
        int labelW = 190;
        int x0 = labelW + 10;
        int plotW = 400;
        int rowH = 28;
        int top = 6;
        int h = top + rowH * rows.size() + 8;
        int max = 1;
        for (JsonNode r : rows) {
            max = Math.max(max, r.path("count").asInt());
        }
        StringBuilder s = open(WIDTH, h, title);
        s.append(line(x0, top, x0, top + rowH * rows.size(), "grid"));
        for (int i = 0; i < rows.size(); i++) {
            JsonNode r = rows.get(i);
            double cy = top + rowH * i + rowH / 2.0;
            int count = r.path("count").asInt();
            int calls = r.path("calls").asInt();
            s.append(text(labelW, cy + 4, "end", "lbl", ReportText.oneLine(ReportText.label(r.path("category").asText()), 28)));
            s.append(String.format(Locale.ROOT, "<rect class=\"bar %s\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"16\" rx=\"3\"/>",
                    cssClass, x0, cy - 8, Math.max(1.5, (double) plotW * count / max)));
            String val = ReportText.count(count) + (judged > 0 ? "  \u00b7  " + ReportText.pct((double) calls / judged) + " of calls" : "");
            s.append(text(x0 + plotW * count / (double) max + 8, cy + 4, "start", "val", val));
        }
        return s.append("</svg>").toString();
    }

    /** The latency histogram of metrics.json with p50 and p95 marked. */
    static String histogram(JsonNode latency, String title) {
        List<JsonNode> bins = new ArrayList<>();
        latency.path("histogram").forEach(bins::add);
        int x0 = 64;
        int plotW = 652;
        int top = 30;
        int plotH = 180;
        int h = top + plotH + 52;
        int maxCount = 1;
        for (JsonNode b : bins) {
            maxCount = Math.max(maxCount, b.path("count").asInt());
        }
        int yMax = niceCeil(maxCount);
        int yStep = Math.max(1, yMax / 4);
        StringBuilder s = open(WIDTH, h, title);
        int axisY = top + plotH;
        for (int t = 0; t <= yMax; t += yStep) {
            double y = axisY - (double) plotH * t / yMax;
            s.append(line(x0, y, x0 + plotW, y, "grid"));
            s.append(text(x0 - 8, y + 4, "end", "tick", compact(t)));
        }
        double bw = (double) plotW / Math.max(1, bins.size());
        // markers first, so that bars and their counts are drawn over the dashed lines
        marker(s, bins, latency.path("p50"), "p50", x0, bw, top, axisY, false);
        marker(s, bins, latency.path("p95"), "p95", x0, bw, top, axisY, true);
        for (int i = 0; i < bins.size(); i++) {
            JsonNode b = bins.get(i);
            int n = b.path("count").asInt();
            double bh = (double) plotH * n / yMax;
            double x = x0 + bw * i;
            s.append(String.format(Locale.ROOT, "<rect class=\"bar latency\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"2\"/>",
                    x + 3, axisY - bh, bw - 6, bh));
            if (n > 0) {
                s.append(text(x + bw / 2, axisY - bh - 5, "middle", "val", ReportText.count(n)));
            }
            s.append(text(x + bw / 2, axisY + 16, "middle", "tick", binLabel(b)));
        }
        s.append(text(x0 + plotW / 2.0, axisY + 40, "middle", "tick", "seconds from the end of a customer turn to the agent's reply"));
        s.append(text(12, top + plotH / 2.0, "middle", "tick", "responses", "rotate(-90 12 " + (top + plotH / 2) + ")"));
        return s.append("</svg>").toString();
    }

    /** "0.5–1", or "≥ 4.5" for the open last bin. */
    static String binLabel(JsonNode bin) {
        String from = ReportText.num(bin.path("from"));
        return bin.path("to").isNumber() ? from + "\u2013" + ReportText.num(bin.path("to")) : "\u2265 " + from;
    }

    private static void marker(StringBuilder s, List<JsonNode> bins, JsonNode value, String name, int x0, double bw,
                               int top, int axisY, boolean second) {
        if (!value.isNumber() || bins.isEmpty()) {
            return;
        }
        double v = value.asDouble();
        double x = x0 + bw * bins.size();
        for (int i = 0; i < bins.size(); i++) {
            JsonNode b = bins.get(i);
            double from = b.path("from").asDouble();
            if (!b.path("to").isNumber()) {
                // open-ended last bin: the value sits somewhere beyond its start; mark the bin's middle
                x = x0 + bw * (i + 0.5);
                break;
            }
            double to = b.path("to").asDouble();
            if (v < to) {
                x = x0 + bw * (i + Math.max(0, v - from) / (to - from));
                break;
            }
        }
        s.append(line(x, top - 6, x, axisY, "marker"));
        String label = name + " " + ReportText.seconds(value);
        boolean right = x < x0 + bw * bins.size() - 110;
        s.append(text(right ? x + 5 : x - 5, top - 10 + (second ? 14 : 0), right ? "start" : "end", "mlbl", label));
    }

    /** Axis ticks stay narrow: 40000 → "40k". */
    private static String compact(int v) {
        return v >= 10_000 && v % 1000 == 0 ? v / 1000 + "k" : ReportText.count(v);
    }

    private static int niceCeil(int v) {
        int[] steps = {1, 2, 4, 5, 10};
        int mag = 1;
        while (true) {
            for (int st : steps) {
                if (st * mag * 4 >= v) {
                    return st * mag * 4;
                }
            }
            mag *= 10;
        }
    }

    private static StringBuilder open(int width, int h, String title) {
        StringBuilder s = new StringBuilder(4096);
        s.append(String.format(Locale.ROOT, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">",
                width, h, width, h, ReportHtml.esc(title)));
        s.append("<title>").append(ReportHtml.esc(title)).append("</title>");
        return s;
    }

    private static String line(double x1, double y1, double x2, double y2, String cssClass) {
        return String.format(Locale.ROOT, "<line%s x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                cssClass == null ? "" : " class=\"" + cssClass + "\"", x1, y1, x2, y2);
    }

    private static String text(double x, double y, String anchor, String cssClass, String content) {
        return text(x, y, anchor, cssClass, content, null);
    }

    private static String text(double x, double y, String anchor, String cssClass, String content, String transform) {
        return String.format(Locale.ROOT, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>", cssClass, x, y,
                anchor, transform == null ? "" : " transform=\"" + transform + "\"", ReportHtml.esc(content));
    }
}
