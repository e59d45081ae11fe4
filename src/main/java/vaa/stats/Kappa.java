package vaa.stats;

import java.util.Optional;

/**
 * Cohen's kappa of two raters over a square table of counts (rows: one rater, columns: the other, same
 * categories in the same order), with a 95% interval kappa ± 1.96·SE from the large-sample standard error of
 * Fleiss, Cohen &amp; Everitt (1969):
 * <pre>
 * po = Σ p_ii,  pe = Σ r_i c_i,  kappa = (po − pe) / (1 − pe)
 * A = Σ_i p_ii [1 − (r_i + c_i)(1 − kappa)]²
 * B = (1 − kappa)² Σ_{i≠j} p_ij (c_i + r_j)²
 * C = [kappa − pe (1 − kappa)]²
 * SE = √((A + B − C) / n) / (1 − pe)
 * </pre>
 * where p are the cell shares and r, c the row and column shares. Analytic rather than bootstrapped, so the
 * same table always gives the same interval. The interval is clipped to [−1, 1]; at perfect agreement SE is 0
 * and the interval has no width, which says nothing about how few calls it rests on (the accuracy's Wilson
 * interval does). When both raters used one and the same category only, pe = 1 and kappa is undefined:
 * {@code kappa} and the interval are null.
 *
 * @param n        the rated items
 * @param observed po, the share of items on which the raters agree
 * @param expected pe, the agreement expected by chance from the two raters' own category shares
 */
public record Kappa(long n, double observed, double expected, Double kappa, Double standardError, Double low, Double high) {
    public static final String METHOD = "Cohen's kappa; 95% interval kappa ± 1.96·SE with the analytic large-sample"
            + " standard error of Fleiss, Cohen & Everitt (1969), clipped to [-1, 1]";

    /** Empty when the table holds no items. */
    public static Optional<Kappa> of(long[][] counts) {
        int k = counts.length;
        long n = 0;
        for (long[] row : counts) {
            if (row.length != k) {
                throw new IllegalArgumentException("the table must be square");
            }
            for (long c : row) {
                n += c;
            }
        }
        if (n == 0) {
            return Optional.empty();
        }
        double[] r = new double[k];
        double[] c = new double[k];
        double po = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double p = (double) counts[i][j] / n;
                r[i] += p;
                c[j] += p;
                if (i == j) {
                    po += p;
                }
            }
        }
        double pe = 0;
        for (int i = 0; i < k; i++) {
            pe += r[i] * c[i];
        }
        if (1 - pe < 1e-12) {
            return Optional.of(new Kappa(n, po, pe, null, null, null, null));
        }
        double kappa = (po - pe) / (1 - pe);
        double a = 0;
        double b = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double p = (double) counts[i][j] / n;
                if (i == j) {
                    a += p * Math.pow(1 - (r[i] + c[i]) * (1 - kappa), 2);
                } else {
                    b += p * Math.pow(c[i] + r[j], 2);
                }
            }
        }
        b *= Math.pow(1 - kappa, 2);
        double cTerm = Math.pow(kappa - pe * (1 - kappa), 2);
        double se = Math.sqrt(Math.max(0, a + b - cTerm) / n) / (1 - pe);
        return Optional.of(new Kappa(n, po, pe, kappa, se, Math.max(-1, kappa - ProportionTest.Z95 * se),
                Math.min(1, kappa + ProportionTest.Z95 * se)));
    }
}
