package vaa.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Cohen's kappa and its Fleiss–Cohen–Everitt interval against values worked out by hand. */
class KappaTest {
    @Test
    void twoByTwoMatchesTheHandComputation() {
        // rows (label) true 25, false 25; columns (judge) true 30, false 20; 35 of 50 on the diagonal.
        // po = 0.7, pe = 0.5·0.6 + 0.5·0.4 = 0.5, kappa = (0.7 − 0.5) / 0.5 = 0.4
        // A = 0.4·(1 − 1.1·0.6)² + 0.3·(1 − 0.9·0.6)² = 0.04624 + 0.06348 = 0.10972
        // B = 0.6²·(0.1·(0.6 + 0.5)² + 0.2·(0.4 + 0.5)²) = 0.36·0.283 = 0.10188
        // C = (0.4 − 0.5·0.6)² = 0.01;  SE = √(0.2016 / 50) / 0.5 = 0.1269961
        Kappa k = Kappa.of(new long[][] {{20, 5}, {10, 15}}).orElseThrow();

        assertThat(k.n()).isEqualTo(50);
        assertThat(k.observed()).isCloseTo(0.7, within(1e-12));
        assertThat(k.expected()).isCloseTo(0.5, within(1e-12));
        assertThat(k.kappa()).isCloseTo(0.4, within(1e-12));
        assertThat(k.standardError()).isCloseTo(0.1269961, within(1e-7));
        assertThat(k.low()).isCloseTo(0.4 - 1.959964 * 0.1269961, within(1e-6)).isCloseTo(0.151092, within(1e-6));
        assertThat(k.high()).isCloseTo(0.648908, within(1e-6));
    }

    @Test
    void threeCategoriesMatchTheHandComputation() {
        // rows 12, 12, 6; columns 13, 12, 5; 22 of 30 on the diagonal.
        // po = 22/30, pe = (12·13 + 12·12 + 6·5) / 900 = 330/900, kappa = (22 − 11) / (30 − 11) = 11/19
        Kappa k = Kappa.of(new long[][] {{10, 2, 0}, {3, 8, 1}, {0, 2, 4}}).orElseThrow();

        assertThat(k.kappa()).isCloseTo(11.0 / 19, within(1e-12));
        assertThat(k.standardError()).isCloseTo(0.1283694, within(1e-7));
        assertThat(k.low()).isCloseTo(0.327348, within(1e-6));
        assertThat(k.high()).isCloseTo(0.830547, within(1e-6));
    }

    @Test
    void perfectAgreementIsOneWithAZeroWidthInterval() {
        Kappa k = Kappa.of(new long[][] {{6, 0}, {0, 4}}).orElseThrow();

        assertThat(k.kappa()).isCloseTo(1.0, within(1e-12));
        assertThat(k.standardError()).isCloseTo(0.0, within(1e-9));
        assertThat(k.low()).isCloseTo(1.0, within(1e-9));
        assertThat(k.high()).isEqualTo(1.0);
    }

    @Test
    void oneClassOnBothSidesLeavesKappaUndefined() {
        // pe = 1·1 = 1: no agreement beyond chance is possible, kappa = 0/0
        Kappa k = Kappa.of(new long[][] {{10, 0}, {0, 0}}).orElseThrow();

        assertThat(k.observed()).isEqualTo(1.0);
        assertThat(k.kappa()).isNull();
        assertThat(k.low()).isNull();
        assertThat(k.high()).isNull();
    }

    @Test
    void oneClassOnOneSidePinsKappaAtZero() {
        // labels all true, judge true 8 of 10: po = pe = 0.8, kappa = 0; A + B − C = 0.512 + 0.128 − 0.64 = 0
        Kappa k = Kappa.of(new long[][] {{8, 2}, {0, 0}}).orElseThrow();

        assertThat(k.kappa()).isCloseTo(0.0, within(1e-12));
        assertThat(k.low()).isCloseTo(0.0, within(1e-9));
        assertThat(k.high()).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void worseThanChanceIsNegativeAndTheIntervalIsClippedAtMinusOne() {
        // rows 3, 3; columns 2, 4; 1 of 6 on the diagonal: po = 1/6, pe = 0.5·(2/6) + 0.5·(4/6) = 0.5, kappa = −2/3;
        // SE = 0.2868877, so kappa − 1.96·SE = −1.229 is clipped to −1
        Kappa k = Kappa.of(new long[][] {{0, 3}, {2, 1}}).orElseThrow();

        assertThat(k.kappa()).isCloseTo(-2.0 / 3, within(1e-12));
        assertThat(k.standardError()).isCloseTo(0.2868877, within(1e-7));
        assertThat(k.low()).isEqualTo(-1.0);
        assertThat(k.high()).isCloseTo(-0.104377, within(1e-6));
    }

    @Test
    void anEmptyTableHasNoKappa() {
        assertThat(Kappa.of(new long[][] {{0, 0}, {0, 0}})).isEmpty();
    }
}
