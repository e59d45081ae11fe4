package vaa.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** {@link ProportionTest} against values worked out with the formula (and erfc) by hand. */
class SignificanceTest {
    @Test
    void thirtyVersusFortyFivePercentOfAHundredIsSignificant() {
        ProportionTest t = ProportionTest.of(30, 100, 45, 100).orElseThrow();
        assertThat(t.z()).isCloseTo(2.191, within(0.001));
        assertThat(t.pValue()).isCloseTo(0.0285, within(0.0001));
        assertThat(t.significant()).isTrue();
        assertThat(t.smallCounts()).isFalse();
    }

    @Test
    void fiftyVersusSixtyPercentOfAHundredIsNot() {
        ProportionTest t = ProportionTest.of(50, 100, 60, 100).orElseThrow();
        assertThat(t.z()).isCloseTo(1.421, within(0.001));
        assertThat(t.pValue()).isCloseTo(0.1552, within(0.0001));
        assertThat(t.significant()).isFalse();
    }

    @Test
    void aDropIsNegativeAndTheTestIsTwoSided() {
        ProportionTest t = ProportionTest.of(30, 40, 10, 40).orElseThrow();
        assertThat(t.z()).isCloseTo(-4.472, within(0.001));
        assertThat(t.significant()).isTrue();
    }

    @Test
    void noSpreadMeansNoDifferenceAndNoDataMeansNoTest() {
        ProportionTest same = ProportionTest.of(0, 10, 0, 12).orElseThrow();
        assertThat(same.significant()).isFalse();
        assertThat(same.pValue()).isEqualTo(1.0);
        assertThat(same.smallCounts()).isTrue();
        assertThat(ProportionTest.of(3, 0, 4, 10)).isEmpty();
    }

    @Test
    void theNormalTailMatchesKnownQuantiles() {
        assertThat(ProportionTest.upperTail(1.959964)).isCloseTo(0.025, within(1e-6));
        assertThat(ProportionTest.upperTail(0)).isCloseTo(0.5, within(1e-6));
        assertThat(ProportionTest.upperTail(3.0)).isCloseTo(0.0013499, within(1e-6));
    }
}
