package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.Vaa;
import vaa.io.Json;
import vaa.testing.ChildJvm;
import vaa.testing.Cli;
import vaa.testing.OpenAiStub;

class RunCommandTest {
    static final String SOURCE = Path.of("customer_data").toAbsolutePath().toString();

    @TempDir
    Path ws;

    @Test
    void withoutAModelTheWholePipelineRunsStructurallyAndSealsTheRun() throws Exception {
        Cli.Result r = Cli.in(ws).run("run", "-n", "12", "--seed", "2", "--source", SOURCE, "--run-id", "plain");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("Run plain completed and sealed", "12 sampled, 12 analysed", "report: runs/plain/reports/report.html");
        assertThat(r.err()).contains("Judgement skipped", "Insights computed without a model");
        JsonNode status = Json.MAPPER.readTree(ws.resolve("runs/plain/status.json").toFile());
        assertThat(status.get("overall_status").asText()).isEqualTo("completed");
        for (String stage : new String[] {"sampling", "analysis", "metrics", "nl_extraction", "insights", "report"}) {
            assertThat(status.at("/stages/" + stage + "/status").asText()).as(stage).isEqualTo("completed");
            assertThat(status.at("/stages/" + stage + "/finished_at").asText()).as(stage).isNotBlank();
        }
        for (String f : new String[] {"metrics.json", "nl_fields.json", "insights.json", "insights.md", "report.md", "report.html"}) {
            assertThat(ws.resolve("runs/plain/reports/" + f)).exists();
        }
        Cli.Result again = Cli.in(ws).run("metrics", "--run-id", "plain");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("sealed");
    }

    @Test
    void withAModelEveryStageUsesItAndTheRunIsRecorded() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(b -> b.toString().contains("Call id:") ? OpenAiStub.variedJudgement(b) : insights(b))) {
            Cli.Result r = Cli.in(ws).env(stub.env()).run("run", "-n", "10", "--seed", "9", "--source", SOURCE, "--run-id", "m",
                    "--model", "openai:judge", "--insights-model", "openai:synth", "--workers", "4");
            assertThat(r.code()).as(r.all()).isZero();
            assertThat(r.out()).contains("task completed:");
            JsonNode config = Json.MAPPER.readTree(ws.resolve("runs/m/config.json").toFile());
            assertThat(config.at("/args/sample_size").asInt()).isEqualTo(10);
            assertThat(config.at("/args/seed").asLong()).isEqualTo(9);
            assertThat(config.at("/models/analysis/model").asText()).isEqualTo("judge");
            assertThat(config.at("/models/insights/model").asText()).isEqualTo("synth");
            assertThat(Files.readString(ws.resolve("runs/m/reports/insights.json"))).contains("\"produced_by\" : \"model\"");
            assertThat(Files.readString(ws.resolve("runs/m/config.json"))).doesNotContain("sk-test-key-123");
        }
    }

    @Test
    void aFailingStageSaysWhichAndHowToResume() {
        Cli.Result r = Cli.in(ws).run("run", "-n", "5", "--source", "no/such/dir", "--run-id", "bad");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Source directory not found", "Resume with: vaa run --run-id bad --resume");
    }

    @Test
    void resumeAfterAKilledAnalysisGivesTheSameReportAsAnUninterruptedRun() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(b -> b.toString().contains("Call id:") ? OpenAiStub.variedJudgement(b) : insights(b)).delay(150)) {
            StringBuilder dotEnv = new StringBuilder();
            stub.env().forEach((k, v) -> dotEnv.append(k).append('=').append(v).append('\n'));
            Files.writeString(ws.resolve(".env"), dotEnv);
            String[] args = {"-n", "12", "--seed", "5", "--source", SOURCE, "--model", "openai:judge", "--insights-model", "openai:synth", "--workers", "2"};
            Path analyses = ws.resolve("runs/crashed/analyses");
            try (ChildJvm child = ChildJvm.start(ws, Vaa.class, concat(new String[] {"run", "--run-id", "crashed"}, args))) {
                long deadline = System.currentTimeMillis() + 30_000;
                while (count(analyses) < 4 && System.currentTimeMillis() < deadline && child.process().isAlive()) {
                    Thread.sleep(20);
                }
                child.kill();
            }
            assertThat(count(analyses)).isBetween(4L, 11L);
            JsonNode mid = Json.MAPPER.readTree(ws.resolve("runs/crashed/status.json").toFile());
            assertThat(mid.at("/stages/analysis/status").asText()).isEqualTo("running");

            Cli.Result resumed = Cli.in(ws).env(stub.env()).run("run", "--run-id", "crashed", "--resume");
            assertThat(resumed.code()).as(resumed.all()).isZero();
            assertThat(resumed.out()).contains("sampling: already completed, skipped");
            Cli.Result clean = Cli.in(ws).env(stub.env()).run(concat(new String[] {"run", "--run-id", "clean"}, args));
            assertThat(clean.code()).as(clean.all()).isZero();

            assertThat(normalise(Files.readString(ws.resolve("runs/crashed/reports/report.md")), "crashed"))
                    .isEqualTo(normalise(Files.readString(ws.resolve("runs/clean/reports/report.md")), "clean"));
            assertThat(Files.readString(ws.resolve("runs/crashed/manifest.csv"))).isEqualTo(Files.readString(ws.resolve("runs/clean/manifest.csv")));
        }
    }

    /** Run ids, clocks, timings and cache counters legitimately differ between the two runs; nothing else may. */
    private static String normalise(String report, String runId) {
        return report.replace(runId.replace("_", "\\_"), "RUN").replace(runId, "RUN")
                .replaceAll("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2})?", "TIME")
                .replaceAll("\\d+(\\.\\d+)? s of analysis", "N s of analysis")
                .replaceAll("(?m)^.*cached.*$", "");
    }

    private static String insights(JsonNode body) {
        return "{\"summary\": \"Customers get stuck when orders are misheard.\", \"themes\": [{\"title\": \"Misheard orders\","
                + " \"explanation\": \"Several calls needed the order repeated.\", \"call_count\": 2, \"supporting_call_ids\": [],"
                + " \"recommendations\": [\"Read the order back before confirming.\"]}]}";
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    private static long count(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith(".")).count();
        }
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
