package vaa.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * Two-sided two-proportion z-test with the pooled standard error: under "both runs have the same
 * rate" the pooled rate p = (k1 + k2) / (n1 + n2) estimates it, SE = sqrt(p (1 - p) (1/n1 + 1/n2)),
 * z = (k2/n2 - k1/n1) / SE, and |z| > 1.96 is significant at 95%. The normal approximation is rough
 * when an expected count n·p or n·(1 - p) is under 5 ({@code smallCounts}). Runs forked from one
 * another judge the same calls, where a paired test would be sharper; this one ignores the pairing
 * and so errs on the side of "not significant".
 */
public record ProportionTest(
        @JsonProperty("z") double z,
        @JsonProperty("p_value") double pValue,
        @JsonProperty("significant") boolean significant,
        @JsonProperty("small_counts") boolean smallCounts) {
    static final double Z95 = 1.959963984540054;

    /** Empty when either side has no observations (no rate to compare). */
    public static Optional<ProportionTest> of(long k1, long n1, long k2, long n2) {
        if (n1 <= 0 || n2 <= 0) {
            return Optional.empty();
        }
        double pooled = (double) (k1 + k2) / (n1 + n2);
        boolean small = Math.min(Math.min(n1, n2) * pooled, Math.min(n1, n2) * (1 - pooled)) < 5;
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        if (se == 0) {
            return Optional.of(new ProportionTest(0, 1, false, small)); // both 0% or both 100%: no difference at all
        }
        double z = ((double) k2 / n2 - (double) k1 / n1) / se;
        double p = Math.min(1, 2 * upperTail(Math.abs(z)));
        return Optional.of(new ProportionTest(round(z, 3), round(p, 4), Math.abs(z) > Z95, small));
    }

    /** P(Z > x) for a standard normal, by the complementary error function (Numerical Recipes' erfcc, error below 1.2e-7). */
    static double upperTail(double x) {
        double t = x / Math.sqrt(2);
        double u = 1 / (1 + 0.5 * t);
        double erfc = u * Math.exp(-t * t - 1.26551223 + u * (1.00002368 + u * (0.37409196 + u * (0.09678418
                + u * (-0.18628806 + u * (0.27886807 + u * (-1.13520398 + u * (1.48851587
                + u * (-0.82215223 + u * 0.17087277)))))))));
        return erfc / 2;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
