package vaa.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.io.Json;
import vaa.run.Run;
import vaa.run.RunStore;

class MetricsTest {
    @TempDir
    Path ws;
    Run run;

    /** Five judged calls, one structural-only, one failed; figures below are worked out by hand. */
    @BeforeEach
    void analyses() throws Exception {
        run = new RunStore(ws, Clock.systemDefaultZone(), "t").tryCreate("m").orElseThrow();
        write("a", "resolved", true, false, "negative", "positive", "[{\"category\":\"repetition\",\"quote\":\"q\",\"quote_verified\":true},{\"category\":\"repetition\",\"quote\":\"q\",\"quote_verified\":false}]", "Jennifer", "[1.0, 3.0]");
        write("b", "resolved", true, false, "neutral", "positive", "[]", "Jennifer", "[2.0]");
        write("c", "resolved", true, true, "neutral", "neutral", "[{\"category\":\"long_wait\",\"quote\":\"q\",\"quote_verified\":true}]", "James", "[4.0]");
        write("d", "escalated", false, true, "negative", "negative", "[{\"category\":\"repetition\",\"quote\":\"q\",\"quote_verified\":true}]", "James", "[]");
        write("e", "unresolved", false, false, "negative", "negative", "[]", "James", "[10.0]");
        Files.writeString(run.analysesDir().resolve("f.json"), "{\"schema_version\":\"1.0\",\"call_id\":\"f\",\"metadata\":{},"
                + "\"structural\":{\"agent_response_latencies_s\":[5.0],\"duration_s\":30.0},\"judgement\":null}");
        Files.writeString(run.analysesDir().resolve("g.error.json"), "{\"call_id\":\"g\",\"error\":\"boom\"}");
    }

    private void write(String id, String outcome, boolean done, boolean escal, String s0, String s1, String friction,
                       String agent, String latencies) throws Exception {
        Files.writeString(run.analysesDir().resolve(id + ".json"), "{\"schema_version\":\"1.0\",\"call_id\":\"" + id + "\","
                + "\"metadata\":{\"agent_name\":\"" + agent + "\"},\"structural\":{\"agent_response_latencies_s\":" + latencies
                + ",\"duration_s\":60.0,\"agent_talk_ratio\":0.5},\"judgement\":{\"outcome\":\"" + outcome + "\",\"task_completed\":" + done
                + ",\"escalation_requested\":" + escal + ",\"sentiment_start\":\"" + s0 + "\",\"sentiment_end\":\"" + s1
                + "\",\"friction_points\":" + friction + ",\"agent_errors\":[]}}");
    }

    private JsonNode metrics(String by) {
        return Json.MAPPER.valueToTree(Metrics.compute(run, by));
    }

    @Test
    void countsKeepStructuralOnlyAndFailedApart() {
        JsonNode m = metrics(null);
        assertThat(m.at("/calls/analyses").asInt()).isEqualTo(6);
        assertThat(m.at("/calls/with_judgement").asInt()).isEqualTo(5);
        assertThat(m.at("/calls/structural_only").asInt()).isEqualTo(1);
        assertThat(m.at("/calls/failed").asInt()).isEqualTo(1);
        assertThat(m.at("/outcomes/n").asInt()).isEqualTo(5);
    }

    @Test
    void ratesCarryWilsonIntervals() {
        JsonNode m = metrics(null);
        JsonNode resolved = m.at("/outcomes/distribution/0");
        assertThat(resolved.get("outcome").asText()).isEqualTo("resolved");
        assertThat(resolved.get("count").asInt()).isEqualTo(3);
        assertThat(resolved.get("share").asDouble()).isEqualTo(0.6);
        // Wilson 95% for 3/5: 0.2307 .. 0.8824
        assertThat(resolved.get("ci95").get(0).asDouble()).isEqualTo(0.2307);
        assertThat(resolved.get("ci95").get(1).asDouble()).isEqualTo(0.8824);
        JsonNode abandoned = m.at("/outcomes/distribution/4");
        assertThat(abandoned.get("count").asInt()).isZero();
        assertThat(abandoned.get("ci95").get(1).asDouble()).isEqualTo(0.4345);
        assertThat(m.at("/task_completion/share").asDouble()).isEqualTo(0.6);
        assertThat(m.at("/escalation_requested/count").asInt()).isEqualTo(2);
        assertThat(m.at("/escalation_requested/ci95/0").asDouble()).isEqualTo(0.1176);
    }

    @Test
    void frictionIsRankedWithCallsAndExamples() {
        JsonNode f = metrics(null).get("friction");
        assertThat(f.at("/categories/0/category").asText()).isEqualTo("repetition");
        assertThat(f.at("/categories/0/count").asInt()).isEqualTo(3);
        assertThat(f.at("/categories/0/calls").asInt()).isEqualTo(2);
        assertThat(f.at("/categories/0/example_call_ids").toString()).contains("a", "d");
        assertThat(f.at("/categories/1/category").asText()).isEqualTo("long_wait");
        assertThat(f.at("/calls_with_any/count").asInt()).isEqualTo(3);
        assertThat(f.get("quotes").asInt()).isEqualTo(4);
        assertThat(f.get("quotes_verified").asInt()).isEqualTo(3);
    }

    @Test
    void sentimentTransitionsAreCounted() {
        JsonNode s = metrics(null).get("sentiment");
        assertThat(s.at("/transitions/0").toString()).contains("\"from\":\"negative\"", "\"to\":\"negative\"", "\"count\":2");
        assertThat(s.at("/start/negative").asInt()).isEqualTo(3);
    }

    @Test
    void latencyPercentilesPoolEveryResponseIncludingStructuralOnlyCalls() {
        JsonNode lat = metrics(null).at("/structural/agent_response_latency_s");
        // values 1,3,2,4,10,5 → sorted 1,2,3,4,5,10: p50 3.5, p90 7.5, p95 8.75, mean 25/6
        assertThat(lat.get("n").asInt()).isEqualTo(6);
        assertThat(lat.get("p50").asDouble()).isEqualTo(3.5);
        assertThat(lat.get("p90").asDouble()).isEqualTo(7.5);
        assertThat(lat.get("p95").asDouble()).isEqualTo(8.75);
        assertThat(lat.get("mean").asDouble()).isEqualTo(4.167);
        assertThat(lat.get("histogram").get(0).get("count").asInt()).isZero();
    }

    @Test
    void breakdownByMetadataField() {
        JsonNode groups = metrics("agent_name").at("/breakdown/groups");
        assertThat(groups.at("/Jennifer/with_judgement").asInt()).isEqualTo(2);
        assertThat(groups.at("/Jennifer/outcomes/distribution/0/share").asDouble()).isEqualTo(1.0);
        assertThat(groups.at("/James/task_completion/count").asInt()).isEqualTo(1);
        assertThat(groups.at("/(none)/analyses").asInt()).isEqualTo(1);
    }

    @Test
    void aRunWithoutAnalysesIsAClearUsageError() throws Exception {
        Run empty = new RunStore(ws, Clock.systemDefaultZone(), "t").tryCreate("e").orElseThrow();
        assertThatThrownBy(() -> Metrics.compute(empty, null)).hasMessageContaining("has no analyses").hasMessageContaining("vaa analyze");
    }

    @Test
    void stageWritesTheFileAndStatus() {
        Map<String, Object> m = MetricsStage.run(run, null);
        assertThat(run.reportsDir().resolve("metrics.json")).exists();
        assertThat(run.status().stage(vaa.run.Stage.METRICS).status()).isEqualTo("completed");
        assertThat(m).containsKey("outcomes");
    }
}
