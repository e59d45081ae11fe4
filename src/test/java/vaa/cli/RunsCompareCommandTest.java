package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.io.Json;
import vaa.testing.Cli;
import vaa.testing.RunFixtures;

class RunsCompareCommandTest {
    @TempDir
    Path ws;

    /** The runs of RunComparerTest: resolution 25% → 55% (significant), completion 50% → 57.5% (not). */
    void twoRuns() {
        RunFixtures.withMetrics(ws, "a", "m", RunFixtures.fortyCalls(10, 20, 30, 2.0));
        RunFixtures.withMetrics(ws, "b", "m", RunFixtures.fortyCalls(22, 23, 10, 1.0));
    }

    @Test
    void theTableShowsDeltasMarksSignificanceAndListsChangedCalls() {
        twoRuns();
        Cli.Result r = Cli.in(ws).run("runs", "compare", "a", "b");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).containsPattern("resolution rate\\s+25\\.0% \\(10/40\\)\\s+55\\.0% \\(22/40\\)\\s+\\+30\\.0 pp \\*")
                .containsPattern("task completed\\s+50\\.0% \\(20/40\\)\\s+57\\.5% \\(23/40\\)\\s+\\+7\\.5 pp\\n")
                .containsPattern("calls with friction .*-50\\.0 pp \\*")
                .containsPattern("agent response latency p50 \\(s\\)\\s+2\\.000\\s+1\\.000\\s+-1\\.000")
                .contains("* significant at 95% (two-proportion z-test, pooled standard error")
                .contains("Calls: 40 in both runs (0 only in A, 0 only in B), 40 judged in both.")
                .contains("12 calls changed outcome: unresolved → resolved 12")
                .containsPattern("c10\\s+unresolved → resolved");

        Cli.Result few = Cli.in(ws).run("runs", "compare", "a", "b", "--limit", "2");
        assertThat(few.out()).contains("c11").doesNotContain("c12 ").contains("… and 10 more");
    }

    @Test
    void jsonCarriesEveryFigureAndTheTest() throws Exception {
        twoRuns();
        Cli.Result r = Cli.in(ws).run("runs", "compare", "a", "b", "--json");
        assertThat(r.code()).isZero();
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.at("/a/run_id").asText()).isEqualTo("a");
        assertThat(doc.at("/rates/0/metric").asText()).isEqualTo("resolution_rate");
        assertThat(doc.at("/rates/0/delta").asDouble()).isEqualTo(0.3);
        assertThat(doc.at("/rates/0/test/z").asDouble()).isEqualTo(2.739);
        assertThat(doc.at("/rates/0/test/significant").asBoolean()).isTrue();
        assertThat(doc.at("/rates/1/test/significant").asBoolean()).isFalse();
        assertThat(doc.at("/calls/changed_count").asInt()).isEqualTo(12);
        assertThat(doc.at("/calls/changed")).hasSize(12);
        assertThat(doc.at("/test").asText()).contains("pooled standard error");
    }

    @Test
    void aRunWithoutMetricsIsRefusedWithTheCommandToRun() {
        RunFixtures.withMetrics(ws, "a", "m", RunFixtures.fortyCalls(10, 20, 30, 2.0));
        RunFixtures.analysed(ws, "b", "m", RunFixtures.fortyCalls(22, 23, 10, 1.0));
        Cli.Result r = Cli.in(ws).run("runs", "compare", "a", "b");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Run b has no metrics yet", "vaa metrics --run-id b");
        assertThat(Cli.in(ws).run("runs", "compare", "a", "nope").code()).isEqualTo(2);
        assertThat(Cli.in(ws).run("runs", "compare", "a").code()).isEqualTo(2);
    }
}
