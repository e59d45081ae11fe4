package vaa.query;

import java.util.List;

/** Where a query's answer goes, row by row, so a large answer is never held whole. */
public interface ResultSink {
    /** Called once, before any row: column names and DuckDB type names, in order. */
    void columns(List<String> names, List<String> types);

    /**
     * One row, values as plain Java: null, Boolean, String, a Number (Integer, Long, Double, BigInteger,
     * BigDecimal...), a List for a list, a Map for a struct or map; times and dates as ISO-8601 text.
     */
    void row(List<Object> values);

    /** After the last row. */
    default void end() {}
}
