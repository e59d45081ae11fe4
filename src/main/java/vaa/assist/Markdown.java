package vaa.assist;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Small pieces of the Markdown the suite summary and the comparison write. */
final class Markdown {
    private Markdown() {}

    /** Text safe inside a table cell: one line, pipes escaped. */
    static String cell(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    static String row(Object... cells) {
        StringBuilder b = new StringBuilder("|");
        for (Object c : cells) {
            b.append(' ').append(c).append(" |");
        }
        return b.append('\n').toString();
    }

    static String header(List<String> names) {
        return row(names.toArray()) + row(names.stream().map(n -> "---").toArray());
    }

    /** Text as a block quote, each line prefixed, so that nothing in it can start a heading or a table. */
    static String quote(String text) {
        if (text == null || text.isEmpty()) {
            return "> \n";
        }
        return text.lines().map(l -> "> " + l.replace("<", "&lt;")).collect(Collectors.joining("\n")) + "\n";
    }

    /** "42.9% (3/7)", or "n/a" when nothing was answered. */
    static String share(int part, int whole) {
        return whole == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%% (%d/%d)", 100.0 * part / whole, part, whole);
    }

    /** "410 / 530 ms": p50 and p95. */
    static String latency(SuiteSummary.Latency l) {
        return AssistComparison.Latencies.text(l);
    }

    /** "objection_price 2, other 1", or "none". */
    static String tags(Map<String, Integer> tags) {
        return tags.isEmpty() ? "none" : tags.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
