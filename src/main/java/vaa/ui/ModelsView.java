package vaa.ui;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vaa models list} as text: a table when it fits the terminal (or when there is no terminal: logs and pipes
 * keep one row per model), else a block of three short lines per model. The table is ~220 columns wide with the
 * built-in catalog, and wrapped it was unreadable at 80 or 120.
 */
public final class ModelsView {
    /**
     * One model: {@code keyVariable} the first variable its API key is read from (null when it needs none),
     * {@code defaultFor} e.g. "analysis" or "", {@code price} or "unknown".
     */
    public record Line(String key, String label, String provider, String model, String baseUrl, String keyVariable,
                       boolean keyPresent, String defaultFor, boolean batch, String price) {
        String keySet() {
            return keyVariable == null ? "not needed" : keyPresent ? "yes" : "no (" + keyVariable + ")";
        }

        String keySentence() {
            return keyVariable == null ? "no API key needed" : keyPresent ? "API key set" : "API key missing (" + keyVariable + ")";
        }
    }

    private static final String[] HEADER = {"KEY", "LABEL", "PROVIDER", "MODEL", "BASE URL", "KEY SET", "DEFAULT FOR", "BATCH", "PRICE"};

    private ModelsView() {}

    /** {@code width}: the terminal's columns, or 0 when the output is not a terminal. */
    public static void print(PrintWriter out, Style style, List<Line> models, int width) {
        List<String[]> table = new ArrayList<>();
        table.add(HEADER);
        models.forEach(m -> table.add(new String[] {m.key(), m.label(), m.provider(), m.model(), m.baseUrl(), m.keySet(),
                m.defaultFor(), m.batch() ? "yes" : "-", m.price()}));
        int[] columns = new int[HEADER.length];
        table.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                columns[i] = Math.max(columns[i], row[i].length());
            }
        });
        int total = 0;
        for (int c : columns) {
            total += c + 2;
        }
        if (width > 0 && total - 2 > width) {
            models.forEach(m -> blocks(out, style, m));
            return;
        }
        for (int r = 0; r < table.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns.length; i++) {
                line.append(table.get(r)[i]).append(" ".repeat(columns[i] + 2 - table.get(r)[i].length()));
            }
            out.println(r == 0 ? style.bold(line.toString().stripTrailing()) : line.toString().stripTrailing());
        }
    }

    private static void blocks(PrintWriter out, Style style, Line m) {
        out.println(style.bold(m.key()) + "  " + m.label() + (m.defaultFor().isEmpty() ? "" : style.dim("  (default for " + m.defaultFor() + ")")));
        out.println("  " + m.provider() + " · " + m.model() + " · " + m.baseUrl());
        out.println("  " + m.keySentence() + " · batch " + (m.batch() ? "yes" : "no") + " · "
                + (m.price().equals("unknown") ? "price unknown" : m.price()));
    }
}
