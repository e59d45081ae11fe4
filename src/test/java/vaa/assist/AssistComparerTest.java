package vaa.assist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison's arithmetic on records made up for the purpose. */
class AssistComparerTest {
    static StepOutcome step(int step, String decision, String tag, Long ttft) {
        String status = decision.equals("failed") ? "failed" : "ok";
        return new StepOutcome(step, 0, step * 2, "p" + step, status, status.equals("ok") ? decision : null, tag,
                tag == null ? null : "body " + step, status.equals("ok") ? null : "HTTP 500", ttft, ttft == null ? null : ttft + 100,
                "c.wav", "assist", 1, "local", "Local");
    }

    static ExperimentSet set(String name, List<ExperimentSet.Member> members) {
        return new ExperimentSet(name, true, "assist", 1, "local", "Local", null, members, FileTime.fromMillis(0));
    }

    static ExperimentSet.Member member(String key, List<StepOutcome> steps) {
        return new ExperimentSet.Member(key, key, key, steps.size(), Path.of("does-not-exist.txt"), steps);
    }

    /** n steps, the first {@code shown} of them shown with the tag. */
    static List<StepOutcome> steps(int n, int shown, String tag) {
        List<StepOutcome> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(i <= shown ? step(i, "show", tag, 200L + i) : step(i, "skip", null, 100L + i));
        }
        return out;
    }

    @Test
    void aShowRateThatMovesFarIsMarkedSignificantAndASmallMoveIsNot() {
        AssistComparison big = AssistComparer.compare(set("a", List.of(member("c", steps(60, 6, "x")))),
                set("b", List.of(member("c", steps(60, 30, "x")))));
        assertThat(big.overall().showRate().significant()).isTrue();
        assertThat(big.overall().showRate().delta()).isEqualTo(0.4);
        assertThat(big.overall().differing().count()).isEqualTo(24);
        assertThat(big.overall().changes()).containsEntry(AssistComparison.SKIP_TO_SHOW, 24);
        assertThat(big.differences()).hasSize(24).allSatisfy(d -> assertThat(d.transcript()).isNull());

        AssistComparison small = AssistComparer.compare(set("a", List.of(member("c", steps(60, 10, "x")))),
                set("b", List.of(member("c", steps(60, 12, "x")))));
        assertThat(small.overall().showRate().significant()).isFalse();
    }

    @Test
    void stepsAnsweredOnOneSideOnlyAreNotComparedAndConversationsOnOneSideOnlyAreListed() {
        List<StepOutcome> a = List.of(step(1, "skip", null, 100L), step(2, "failed", null, null), step(3, "show", "x", 150L));
        List<StepOutcome> b = List.of(step(1, "skip", null, 120L), step(2, "show", "y", 130L), step(3, "show", "z", 140L));

        AssistComparison c = AssistComparer.compare(set("a", List.of(member("c", a), member("only-a", a))),
                set("b", List.of(member("c", b), member("only-b", b))));

        assertThat(c.overall().compared()).isEqualTo(2);
        assertThat(c.overall().notCompared()).isEqualTo(1);
        assertThat(c.overall().differing()).isEqualTo(new AssistComparison.Share(1, 0.5));
        assertThat(c.differences()).singleElement().satisfies(d -> {
            assertThat(d.step()).isEqualTo(3);
            assertThat(d.change()).isEqualTo(AssistComparison.TAG_CHANGED);
            assertThat(d.a().line()).isEqualTo("show|x");
            assertThat(d.b().line()).isEqualTo("show|z");
        });
        assertThat(c.onlyInA()).containsExactly("only-a");
        assertThat(c.onlyInB()).containsExactly("only-b");
        assertThat(c.overall().showRate().a().text()).isEqualTo("50.0% (1/2)");
        assertThat(c.overall().showRate().b().text()).isEqualTo("66.7% (2/3)");
        assertThat(c.overall().ttftMs().a().p50()).isEqualTo(125.0);
    }
}
