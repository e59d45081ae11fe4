package vaa.stats;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles and intervals used by analyses and metrics. */
public final class Stats {
    private Stats() {}

    /** Linear-interpolated percentile (the "type 7" definition numpy and spreadsheets use); null when empty. */
    public static Double percentile(Collection<Double> values, double p) {
        if (values.isEmpty()) {
            return null;
        }
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return percentileSorted(a, a.length, p);
    }

    public static Double percentileSorted(double[] sorted, int n, double p) {
        if (n == 0) {
            return null;
        }
        double rank = p / 100.0 * (n - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        double v = sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
        return round(v);
    }

    /** Rounded to milliseconds (three decimals), as every figure in a result file is; null stays null. */
    public static Double round(Double v) {
        return v == null ? null : Math.round(v * 1000.0) / 1000.0;
    }

    /** Wilson score interval at 95% for k successes out of n: [low, high]; null when n is 0. */
    public static double[] wilson(long k, long n) {
        if (n == 0) {
            return null;
        }
        double z = 1.959963984540054;
        double p = (double) k / n;
        double denom = 1 + z * z / n;
        double centre = (p + z * z / (2.0 * n)) / denom;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denom;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }
}
