package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.io.Json;
import vaa.testing.Cli;
import vaa.testing.RunFixtures;
import vaa.testing.RunFixtures.Judged;

/** {@code vaa runs compare A B --fail-on-regression}: exit 1 only when B is significantly worse on a headline rate. */
class RegressionGateTest {
    @TempDir
    Path ws;

    private Cli.Result gate(String... extra) {
        List<String> args = new ArrayList<>(List.of("runs", "compare", "a", "b", "--fail-on-regression", "--no-color"));
        args.addAll(List.of(extra));
        return Cli.in(ws).run(args.toArray(String[]::new));
    }

    @Test
    void significantlyWorseResolutionAndMoreFrictionFailTheCheckNamingBoth() throws Exception {
        // resolution 55% → 25% (z = −2.74), friction 25% → 75% (significant), task completion 57.5% → 50% (not)
        RunFixtures.withMetrics(ws, "a", "m", RunFixtures.fortyCalls(22, 23, 10, 1.0));
        RunFixtures.withMetrics(ws, "b", "m", RunFixtures.fortyCalls(10, 20, 30, 2.0));

        Cli.Result r = gate();

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("Significantly worse in B than in A (95%):")
                .containsPattern("resolution rate: 55\\.0% → 25\\.0% \\(-30\\.0 pp, p=0\\.00\\d+; worse when lower\\)")
                .containsPattern("calls with friction: 25\\.0% → 75\\.0% \\(\\+50\\.0 pp, p=0\\.\\d+; worse when higher\\)")
                .doesNotContain("task completed: ");
        assertThat(r.err()).contains("Regression check failed: run b is significantly worse than a on 2 headline rate(s).");

        JsonNode doc = Json.MAPPER.readTree(gate("--json").out());
        assertThat(doc.at("/regressions")).hasSize(2);
        assertThat(doc.at("/regressions/0/metric").asText()).isEqualTo("resolution_rate");
        assertThat(doc.at("/regressions/0/worse_when").asText()).isEqualTo("lower");
        assertThat(gate("--json").code()).isEqualTo(1);
    }

    @Test
    void betterOrInsignificantlyWorseRunsPass() {
        RunFixtures.withMetrics(ws, "a", "m", RunFixtures.fortyCalls(10, 20, 30, 2.0));
        RunFixtures.withMetrics(ws, "b", "m", RunFixtures.fortyCalls(22, 23, 10, 1.0));
        Cli.Result better = gate();
        assertThat(better.code()).as(better.all()).isZero();
        assertThat(better.out()).contains("No headline rate is significantly worse in B than in A (95%).");
        assertThat(better.err()).contains("Regression check passed");

        RunFixtures.withMetrics(ws, "c", "m", RunFixtures.fortyCalls(20, 20, 10, 1.0));
        RunFixtures.withMetrics(ws, "d", "m", RunFixtures.fortyCalls(16, 17, 13, 1.0)); // 50% → 40%: z = −0.90
        assertThat(Cli.in(ws).run("runs", "compare", "c", "d", "--fail-on-regression").code()).isZero();
    }

    @Test
    void withoutTheFlagAWorseRunIsShownButDoesNotFail() {
        RunFixtures.withMetrics(ws, "a", "m", RunFixtures.fortyCalls(22, 23, 10, 1.0));
        RunFixtures.withMetrics(ws, "b", "m", RunFixtures.fortyCalls(10, 20, 30, 2.0));

        Cli.Result r = Cli.in(ws).run("runs", "compare", "a", "b");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Significantly worse in B than in A (95%):");
    }

    @Test
    void agreementWithLabelsThatDropsSignificantlyFailsEvenWhenTheRatesHold() throws Exception {
        // both runs judge 30 of 40 calls completed; A the labelled ones (c00..c29), B c10..c39
        List<Judged> a = new ArrayList<>();
        List<Judged> b = new ArrayList<>();
        StringBuilder labels = new StringBuilder("call_id,field,value\n");
        for (int i = 0; i < 40; i++) {
            String id = String.format("c%02d", i);
            a.add(new Judged(id, "resolved", i < 30, false, List.of(), 1.0));
            b.add(new Judged(id, "resolved", i >= 10, false, List.of(), 1.0));
            labels.append(id).append(",task_completed,").append(i < 30).append('\n');
        }
        RunFixtures.withMetrics(ws, "a", "m", a);
        RunFixtures.withMetrics(ws, "b", "m", b);
        Files.writeString(ws.resolve("labels.csv"), labels);

        Cli.Result r = gate("--labels", "labels.csv");

        assertThat(r.code()).as(r.all()).isEqualTo(1);
        // A agrees on all 40; B on c10..c29 only, 20 of 40, below chance: po 0.5, pe 0.75² + 0.25² = 0.625, kappa −1/3
        assertThat(r.out()).containsPattern("task_completed\\s+100\\.0% κ 1\\.00 n=40\\s+50\\.0% κ -0\\.33 n=40\\s+-50\\.0 pp \\*")
                .contains("agreement with labels on task_completed: 100.0% → 50.0%")
                .containsPattern("task completed\\s+75\\.0% \\(30/40\\)\\s+75\\.0% \\(30/40\\)");
        assertThat(gate().code()).as("no labels, nothing but the rates to gate on").isZero();
    }
}
