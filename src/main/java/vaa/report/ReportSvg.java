package vaa.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The geometry of the report's inline SVG charts; the markup is written by the template
 * (chart.mustache), which escapes every value like the rest of the page. Colours come from CSS
 * classes of the page's stylesheet (so the charts follow light and dark mode and print), never from
 * fills baked in here. Each chart has a fixed design width and scales down with the page (viewBox).
 * Coordinates are formatted here, with Locale.ROOT, so that the template only places strings.
 */
final class ReportSvg {
    private static final int WIDTH = 760;

    private ReportSvg() {}

    /** One {@code <svg>}: its size, its accessible title and what it draws, in drawing order. */
    record Chart(int width, int height, String title, List<Mark> marks) {}

    /** One drawn element: exactly one of the parts is set (the template renders whichever is). */
    record Mark(Line line, Rect rect, Text text, Group group) {}

    /** A line; {@code cls} may be null (lines in a group take their style from the group). */
    record Line(String cls, String x1, String y1, String x2, String y2) {}

    record Rect(String cls, String x, String y, String width, String height, String rx) {}

    /** A label; {@code transform} may be null. */
    record Text(String cls, String x, String y, String anchor, String transform, String content) {}

    /** Lines drawn as one styled unit (a confidence-interval whisker). */
    record Group(String cls, List<Line> lines) {}

    /** A share of a whole with its interval, one bar per row. */
    record RateBar(String label, String cssClass, double share, Double lo, Double hi, int count) {}

    /** Horizontal bars of shares with 95% CI whiskers; the axis ends at the largest upper bound, rounded up. */
    static Chart rateBars(List<RateBar> bars, String title) {
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
        List<Mark> s = new ArrayList<>();
        int axisY = top + rowH * bars.size();
        for (double t = 0; t <= max + 1e-9; t += step) {
            double x = x0 + plotW * t / max;
            s.add(line(x, top - 4, x, axisY, "grid"));
            s.add(text(x, axisY + 16, "middle", "tick", String.format(Locale.ROOT, "%d%%", Math.round(t * 100))));
        }
        for (int i = 0; i < bars.size(); i++) {
            RateBar b = bars.get(i);
            double cy = top + rowH * i + rowH / 2.0;
            s.add(text(labelW, cy + 4, "end", "lbl", b.label()));
            double w = plotW * b.share() / max;
            s.add(rect("bar " + b.cssClass(), Integer.toString(x0), d1(cy - 9), d1(Math.max(w, b.count() > 0 ? 1.5 : 0)), "18", "3"));
            if (b.lo() != null && b.hi() != null) {
                double xl = x0 + plotW * b.lo() / max;
                double xh = x0 + plotW * b.hi() / max;
                s.add(new Mark(null, null, null, new Group("whisker", List.of(new Line(null, d1(xl), d1(cy), d1(xh), d1(cy)),
                        new Line(null, d1(xl), d1(cy - 6), d1(xl), d1(cy + 6)), new Line(null, d1(xh), d1(cy - 6), d1(xh), d1(cy + 6))))));
            }
            s.add(text(x0 + plotW + 14, cy + 4, "start", "val", ReportText.pct(b.share()) + "  (" + ReportText.count(b.count()) + ")"));
        }
        return new Chart(x0 + plotW + 110, h, title, List.copyOf(s));
    }

    /** Horizontal bars of counts (friction or error categories), the top {@code limit} rows. */
    static Chart countBars(JsonNode categories, int judged, String cssClass, int limit, String title) {
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
        List<Mark> s = new ArrayList<>();
        s.add(line(x0, top, x0, top + rowH * rows.size(), "grid"));
        for (int i = 0; i < rows.size(); i++) {
            JsonNode r = rows.get(i);
            double cy = top + rowH * i + rowH / 2.0;
            int count = r.path("count").asInt();
            int calls = r.path("calls").asInt();
            s.add(text(labelW, cy + 4, "end", "lbl", ReportText.oneLine(ReportText.label(r.path("category").asText()), 28)));
            s.add(rect("bar " + cssClass, Integer.toString(x0), d1(cy - 8), d1(Math.max(1.5, (double) plotW * count / max)), "16", "3"));
            // occurrences and calls differ when a call hits the same category twice: say both
            String val = ReportText.count(count) + (calls != count ? " in " + ReportText.calls(calls) : "")
                    + (judged > 0 ? "  \u00b7  " + ReportText.pct((double) calls / judged) + " of calls" : "");
            s.add(text(x0 + plotW * count / (double) max + 8, cy + 4, "start", "val", val));
        }
        return new Chart(WIDTH, h, title, List.copyOf(s));
    }

    /** The latency histogram of metrics.json with p50 and p95 marked. */
    static Chart histogram(JsonNode latency, String title) {
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
        List<Mark> s = new ArrayList<>();
        int axisY = top + plotH;
        for (int t = 0; t <= yMax; t += yStep) {
            double y = axisY - (double) plotH * t / yMax;
            s.add(line(x0, y, x0 + plotW, y, "grid"));
            s.add(text(x0 - 8, y + 4, "end", "tick", compact(t)));
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
            s.add(rect("bar latency", d1(x + 3), d1(axisY - bh), d1(bw - 6), d1(bh), "2"));
            if (n > 0) {
                s.add(text(x + bw / 2, axisY - bh - 5, "middle", "val", ReportText.count(n)));
            }
            s.add(text(x + bw / 2, axisY + 16, "middle", "tick", binLabel(b)));
        }
        s.add(text(x0 + plotW / 2.0, axisY + 40, "middle", "tick", "seconds from the end of a customer turn to the agent's reply"));
        s.add(new Mark(null, null, new Text("tick", d1(12), d1(top + plotH / 2.0), "middle", "rotate(-90 12 " + (top + plotH / 2) + ")",
                "responses"), null));
        return new Chart(WIDTH, h, title, List.copyOf(s));
    }

    /** "0.5–1", or "≥ 4.5" for the open last bin. */
    static String binLabel(JsonNode bin) {
        String from = ReportText.num(bin.path("from"));
        return bin.path("to").isNumber() ? from + "\u2013" + ReportText.num(bin.path("to")) : "\u2265 " + from;
    }

    private static void marker(List<Mark> s, List<JsonNode> bins, JsonNode value, String name, int x0, double bw,
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
        s.add(line(x, top - 6, x, axisY, "marker"));
        String label = name + " " + ReportText.seconds(value);
        boolean right = x < x0 + bw * bins.size() - 110;
        s.add(text(right ? x + 5 : x - 5, top - 10 + (second ? 14 : 0), right ? "start" : "end", "mlbl", label));
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

    /** A coordinate to one decimal, the precision of every position in the charts. */
    private static String d1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static Mark line(double x1, double y1, double x2, double y2, String cssClass) {
        return new Mark(new Line(cssClass, d1(x1), d1(y1), d1(x2), d1(y2)), null, null, null);
    }

    private static Mark rect(String cssClass, String x, String y, String width, String height, String rx) {
        return new Mark(null, new Rect(cssClass, x, y, width, height, rx), null, null);
    }

    private static Mark text(double x, double y, String anchor, String cssClass, String content) {
        return new Mark(null, null, new Text(cssClass, d1(x), d1(y), anchor, null, content), null);
    }
}
