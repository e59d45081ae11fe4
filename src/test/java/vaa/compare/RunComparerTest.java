package vaa.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.VaaException;
import vaa.run.Run;
import vaa.testing.RunFixtures.Judged;
import vaa.testing.RunFixtures;

/**
 * The same 40 calls judged twice ({@link RunFixtures#fortyCalls}). A: 10 resolved, 20 completed, 30
 * with friction, latency 2 s. B: 22 resolved, 23 completed, 10 with friction, latency 1 s. Calls
 * c10..c21 go from unresolved to resolved. Worked out by hand (pooled SE): resolution z = 2.739
 * (significant), completion z = 0.673 (not), friction z = -4.472 (significant), escalation 4 vs 4.
 */
class RunComparerTest {
    @TempDir
    Path ws;

    static List<Judged> calls(int resolved, int completed, int friction, double latency) {
        return RunFixtures.fortyCalls(resolved, completed, friction, latency);
    }

    @Test
    void headlineRatesAndTheirSignificance() {
        Run a = RunFixtures.withMetrics(ws, "a", "openai:judge", calls(10, 20, 30, 2.0));
        Run b = RunFixtures.withMetrics(ws, "b", "openai:other", calls(22, 23, 10, 1.0));
        RunComparison c = RunComparer.compare(a, b);

        RunComparison.RateRow resolution = row(c.rates(), "resolution_rate");
        assertThat(resolution.a().share()).isEqualTo(0.25);
        assertThat(resolution.b().share()).isEqualTo(0.55);
        assertThat(resolution.delta()).isEqualTo(0.3);
        assertThat(resolution.test().z()).isEqualTo(2.739);
        assertThat(resolution.significant()).isTrue();

        RunComparison.RateRow completion = row(c.rates(), "task_completion");
        assertThat(completion.delta()).isEqualTo(0.075);
        assertThat(completion.test().z()).isEqualTo(0.673);
        assertThat(completion.significant()).isFalse();

        assertThat(row(c.rates(), "friction_rate").test().z()).isEqualTo(-4.472);
        assertThat(row(c.rates(), "friction_rate").significant()).isTrue();
        assertThat(row(c.rates(), "escalation_requested").significant()).isFalse();
        assertThat(row(c.outcomes(), "unresolved").delta()).isEqualTo(-0.3);

        assertThat(c.counts()).anySatisfy(r -> {
            assertThat(r.metric()).isEqualTo("with_judgement");
            assertThat(r.delta()).isZero();
        });
        assertThat(c.structural().get(0).metric()).isEqualTo("agent_response_latency_p50_s");
        assertThat(c.structural().get(0).delta()).isEqualTo(-1.0);
        assertThat(c.a().model()).isNull(); // models come from config.json, which these hand-made runs do not fill
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void callsThatChangedOutcomeAreListedWithTheirTransitions() {
        Run a = RunFixtures.withMetrics(ws, "a", "m", calls(10, 20, 30, 2.0));
        Run b = RunFixtures.withMetrics(ws, "b", "m", calls(22, 23, 10, 1.0));
        RunComparison.CallChanges ch = RunComparer.compare(a, b).calls();
        assertThat(ch.shared()).isEqualTo(40);
        assertThat(ch.judgedInBoth()).isEqualTo(40);
        assertThat(ch.changedCount()).isEqualTo(12);
        assertThat(ch.transitions()).containsExactly(java.util.Map.entry("unresolved → resolved", 12));
        assertThat(ch.changed().get(0)).isEqualTo(new RunComparison.Change("c10", "unresolved", "resolved"));
        assertThat(ch.changed().get(11).callId()).isEqualTo("c21");
    }

    @Test
    void runsWithDifferentCallsShareNone() {
        Run a = RunFixtures.withMetrics(ws, "a", "m", calls(10, 20, 30, 2.0));
        List<Judged> other = calls(5, 5, 5, 1.0).stream()
                .map(j -> new Judged("x" + j.id(), j.outcome(), j.completed(), j.escalation(), j.friction(), j.latency())).toList();
        Run b = RunFixtures.withMetrics(ws, "b", "m", other);
        RunComparison.CallChanges ch = RunComparer.compare(a, b).calls();
        assertThat(ch.shared()).isZero();
        assertThat(ch.onlyA()).isEqualTo(40);
        assertThat(ch.onlyB()).isEqualTo(40);
    }

    @Test
    void aRunWithoutMetricsIsRefusedNamingTheCommand() {
        Run a = RunFixtures.withMetrics(ws, "a", "m", calls(10, 20, 30, 2.0));
        Run b = RunFixtures.analysed(ws, "b", "m", calls(22, 23, 10, 1.0));
        assertThatThrownBy(() -> RunComparer.compare(a, b))
                .isInstanceOf(VaaException.class)
                .hasMessageContaining("Run b has no metrics yet")
                .hasMessageContaining("vaa metrics --run-id b")
                .satisfies(e -> assertThat(((VaaException) e).exitCode()).isEqualTo(2));
    }

    private static RunComparison.RateRow row(List<RunComparison.RateRow> rows, String metric) {
        return rows.stream().filter(r -> r.metric().equals(metric)).findFirst().orElseThrow();
    }
}
