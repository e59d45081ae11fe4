package vaa.agree;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaa.stats.Kappa;
import vaa.stats.Stats;

/** Agreement figures of two raters' answers over the same items: accuracy, kappa, their intervals, the confusion matrix. */
final class Tally {
    private Tally() {}

    /** No items: nothing measured, every figure null. */
    static Agreement.Figures none() {
        return new Agreement.Figures(0, 0, null, null, null, null, null, Map.of());
    }

    /**
     * @param categories the answers in table order; every answer in {@code pairs} must be one of them
     * @param pairs      {row rater's answer, column rater's answer} per item
     */
    static Agreement.Figures of(List<String> categories, List<String[]> pairs) {
        int k = categories.size();
        long[][] counts = new long[k][k];
        int agreements = 0;
        for (String[] p : pairs) {
            counts[categories.indexOf(p[0])][categories.indexOf(p[1])]++;
            agreements += p[0].equals(p[1]) ? 1 : 0;
        }
        Map<String, Map<String, Long>> confusion = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) {
            Map<String, Long> row = new LinkedHashMap<>();
            for (int j = 0; j < k; j++) {
                row.put(categories.get(j), counts[i][j]);
            }
            confusion.put(categories.get(i), row);
        }
        int n = pairs.size();
        double[] wilson = Stats.wilson(agreements, n);
        Kappa kappa = Kappa.of(counts).orElseThrow();
        List<Double> kappaInterval = kappa.kappa() == null ? null : List.of(round(kappa.low(), 3), round(kappa.high(), 3));
        return new Agreement.Figures(n, agreements, round((double) agreements / n, 4), List.of(round(wilson[0], 4), round(wilson[1], 4)),
                kappa.kappa() == null ? null : round(kappa.kappa(), 3), kappaInterval, note(categories, counts, kappa, agreements == n), confusion);
    }

    /** Says when kappa cannot be read as usual: undefined, pinned at 0 by one side's single answer, or a zero-width interval. */
    private static String note(List<String> categories, long[][] counts, Kappa kappa, boolean perfect) {
        String rowsOnly = only(categories, counts, true);
        String colsOnly = only(categories, counts, false);
        if (kappa.kappa() == null) {
            return "Both sides gave the same single answer (" + rowsOnly + ") every time: kappa is undefined, and the accuracy"
                    + " rests on one class only.";
        }
        if (rowsOnly != null || colsOnly != null) {
            return "One side gave a single answer (" + (rowsOnly != null ? rowsOnly : colsOnly) + ") every time, so kappa is 0"
                    + " whatever the other does; read the accuracy.";
        }
        if (perfect) {
            return "Perfect agreement: the analytic kappa interval has no width; the accuracy interval shows how many calls it rests on.";
        }
        return null;
    }

    /** The one answer a side gave, when it gave only one. */
    private static String only(List<String> categories, long[][] counts, boolean rows) {
        String single = null;
        for (int i = 0; i < counts.length; i++) {
            long total = 0;
            for (int j = 0; j < counts.length; j++) {
                total += rows ? counts[i][j] : counts[j][i];
            }
            if (total > 0) {
                if (single != null) {
                    return null;
                }
                single = categories.get(i);
            }
        }
        return single;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
