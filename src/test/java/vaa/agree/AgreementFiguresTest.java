package vaa.agree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Accuracy, its Wilson interval, kappa and its interval of one field, against values worked out by hand. */
class AgreementFiguresTest {
    private static final List<String> YES_NO = List.of("true", "false");

    /** {@code count} pairs of (label, judge). */
    private static void add(List<String[]> pairs, int count, String label, String judge) {
        for (int i = 0; i < count; i++) {
            pairs.add(new String[] {label, judge});
        }
    }

    @Test
    void accuracyKappaAndBothIntervals() {
        List<String[]> pairs = new ArrayList<>();
        add(pairs, 20, "true", "true");
        add(pairs, 10, "false", "true");
        add(pairs, 10, "false", "false");

        Agreement.Figures f = Tally.of(YES_NO, pairs);

        // 30 of 40 agree; Wilson: centre (0.75 + 1.96²/80) / (1 + 1.96²/40), half-width 1.96·√(0.75·0.25/40 + 1.96²/6400) / (1 + 1.96²/40)
        assertThat(f.n()).isEqualTo(40);
        assertThat(f.agreements()).isEqualTo(30);
        assertThat(f.accuracy()).isEqualTo(0.75);
        assertThat(f.accuracyInterval()).containsExactly(0.5981, 0.8581);
        // po 0.75, pe 0.5·0.75 + 0.5·0.25 = 0.5, kappa 0.5; A 0.16796875 + B 0.03515625 − C 0.0625 = 0.140625, SE √(0.140625/40)/0.5
        assertThat(f.kappa()).isEqualTo(0.5);
        assertThat(f.kappaInterval()).containsExactly(0.268, 0.732);
        assertThat(f.note()).isNull();
        assertThat(f.confusion().get("true")).containsEntry("true", 20L).containsEntry("false", 0L);
        assertThat(f.confusion().get("false")).containsEntry("true", 10L).containsEntry("false", 10L);
        assertThat(f.confusion().keySet()).containsExactly("true", "false");
    }

    @Test
    void oneClassOnlyOnBothSidesHasNoKappaAndSaysWhy() {
        List<String[]> pairs = new ArrayList<>();
        add(pairs, 10, "true", "true");

        Agreement.Figures f = Tally.of(YES_NO, pairs);

        assertThat(f.accuracy()).isEqualTo(1.0);
        // Wilson for 10 of 10: (1 + 1.96²/20 − 1.96·√(1.96²/400)) / (1 + 1.96²/10) = 0.7225
        assertThat(f.accuracyInterval()).containsExactly(0.7225, 1.0);
        assertThat(f.kappa()).isNull();
        assertThat(f.kappaInterval()).isNull();
        assertThat(f.note()).contains("same single answer (true)", "undefined");
    }

    @Test
    void labelsOfOneClassPinKappaAtZeroAndSaySo() {
        List<String[]> pairs = new ArrayList<>();
        add(pairs, 8, "true", "true");
        add(pairs, 2, "true", "false");

        Agreement.Figures f = Tally.of(YES_NO, pairs);

        assertThat(f.accuracy()).isEqualTo(0.8);
        assertThat(f.kappa()).isEqualTo(0.0);
        assertThat(f.kappaInterval()).containsExactly(0.0, 0.0);
        assertThat(f.note()).contains("single answer (true)", "kappa is 0");
    }

    @Test
    void perfectAgreementIsKappaOneAndPointsToTheAccuracyInterval() {
        List<String[]> pairs = new ArrayList<>();
        add(pairs, 6, "resolved", "resolved");
        add(pairs, 4, "unresolved", "unresolved");

        Agreement.Figures f = Tally.of(JudgedField.OUTCOME.categories(), pairs);

        assertThat(f.accuracy()).isEqualTo(1.0);
        assertThat(f.kappa()).isEqualTo(1.0);
        assertThat(f.kappaInterval()).containsExactly(1.0, 1.0);
        assertThat(f.note()).startsWith("Perfect agreement");
        // a categorical field's matrix covers all its categories, used or not
        assertThat(f.confusion().keySet()).containsExactly("resolved", "partially_resolved", "unresolved", "escalated", "abandoned");
        assertThat(f.confusion().get("unresolved")).containsEntry("unresolved", 4L).containsEntry("resolved", 0L);
    }

    @Test
    void labelValuesAreNormalisedAndOthersRefusedWithTheAcceptedValues() {
        assertThat(JudgedField.TASK_COMPLETED.normalize("Yes")).isEqualTo("true");
        assertThat(JudgedField.TASK_COMPLETED.normalize(0 == 1)).isEqualTo("false");
        assertThat(JudgedField.TASK_COMPLETED.normalize("0")).isEqualTo("false");
        assertThat(JudgedField.OUTCOME.normalize("Partially resolved")).isEqualTo("partially_resolved");
        assertThat(JudgedField.SENTIMENT_END.normalize(" POSITIVE ")).isEqualTo("positive");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JudgedField.OUTCOME.normalize("fine"))
                .hasMessageContaining("'fine' is not a value of outcome").hasMessageContaining("resolved, partially_resolved");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JudgedField.FRICTION.normalize("maybe"))
                .hasMessageContaining("not a yes/no value");
    }
}
