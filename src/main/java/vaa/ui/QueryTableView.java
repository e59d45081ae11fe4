package vaa.ui;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import vaa.query.ResultSink;

/**
 * A query's answer as a table for a person: the first {@value #MAX_ROWS} rows (columns must be sized
 * before printing, so those are held), numbers right-aligned, decimals rounded to four places, long
 * text cut. Scripts use --json or --csv, which carry every row and full values.
 */
public final class QueryTableView implements ResultSink {
    static final int MAX_ROWS = 1000;
    static final int MAX_WIDTH = 48;

    private final PrintWriter out;
    private final Style style;
    private List<String> names = List.of();
    private final List<List<String>> cells = new ArrayList<>();
    private boolean[] numeric = new boolean[0];
    private long rows;

    public QueryTableView(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    @Override
    public void columns(List<String> columnNames, List<String> types) {
        names = columnNames;
        numeric = new boolean[columnNames.size()];
        for (int i = 0; i < numeric.length; i++) {
            numeric[i] = types.get(i).matches("(?i)(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|U.*INT|FLOAT|DOUBLE|DECIMAL.*)");
        }
    }

    @Override
    public void row(List<Object> values) {
        rows++;
        if (cells.size() < MAX_ROWS) {
            cells.add(values.stream().map(QueryTableView::text).toList());
        }
    }

    @Override
    public void end() {
        int[] width = new int[names.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = names.get(i).length();
            for (List<String> row : cells) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        out.println(style.bold(line(names, width)));
        out.println(style.dim(Arrays.stream(width).mapToObj("-"::repeat).collect(Collectors.joining("  "))));
        cells.forEach(row -> out.println(line(row, width)));
        String count = rows + " row" + (rows == 1 ? "" : "s");
        out.println(style.dim(rows > cells.size() ? count + "; the first " + cells.size() + " shown (--csv or --json print all)" : count));
        out.flush();
    }

    private String line(List<String> values, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            String pad = " ".repeat(width[i] - v.length());
            b.append(i > 0 ? "  " : "").append(numeric[i] ? pad + v : i == values.size() - 1 ? v : v + pad);
        }
        return b.toString();
    }

    static String text(Object v) {
        String s;
        if (v == null) {
            s = "NULL";
        } else if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            s = decimal(((Number) v).doubleValue(), v);
        } else if (v instanceof List<?> list) {
            s = list.stream().map(QueryTableView::text).collect(Collectors.joining(", ", "[", "]"));
        } else {
            s = v.toString();
        }
        s = s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
        return s.length() > MAX_WIDTH ? s.substring(0, MAX_WIDTH - 1) + "…" : s;
    }

    private static String decimal(double d, Object original) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return original.toString();
        }
        BigDecimal exact = original instanceof BigDecimal b ? b : BigDecimal.valueOf(d);
        return exact.setScale(Math.min(4, Math.max(0, exact.scale())), RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
