package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.io.Json;
import vaa.testing.Cli;
import vaa.testing.OpenAiStub;

/** What model calls cost, from the catalog's prices, in runs show, runs export and runs compare; "unknown" without a price. */
class CostCommandTest {
    static final String SOURCE = Path.of("customer_data").toAbsolutePath().toString();
    /** The stub reports 100 prompt tokens (40 of them cached) and 20 completion tokens per call: 60·1 + 40·0.5 + 20·2 per 1M. */
    static final double PER_CALL = (60 * 1.0 + 40 * 0.5 + 20 * 2.0) / 1_000_000;

    @TempDir
    Path ws;

    private Cli cli(OpenAiStub stub) {
        return Cli.in(ws).env(stub.env());
    }

    private void priced() throws Exception {
        Files.writeString(ws.resolve("vaa-models.json"), """
                {"models": {"priced": {"provider": "openai", "model": "test-model",
                                       "price": {"input": 1.0, "cached_input": 0.5, "output": 2.0}}}}""");
    }

    private List<JsonNode> analyses(String run) throws Exception {
        try (Stream<Path> s = Files.list(ws.resolve("runs/" + run + "/analyses"))) {
            return s.filter(p -> !p.toString().endsWith(".error.json")).sorted().map(p -> {
                try {
                    return Json.MAPPER.readTree(p.toFile());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    private static OpenAiStub stub() throws java.io.IOException {
        return new OpenAiStub(b -> OpenAiStub.judgement("resolved", "thank you"));
    }

    private void sampled(OpenAiStub stub, String run, int n) {
        ok(cli(stub).run("sample", "-n", String.valueOf(n), "--seed", "3", "--source", SOURCE, "--run-id", run));
    }

    private void analysed(OpenAiStub stub, String run, int n, String model) {
        sampled(stub, run, n);
        ok(cli(stub).run("analyze", "--run-id", run, "--model", model));
    }

    private static void ok(Cli.Result r) {
        assertThat(r.code()).as(r.all()).isZero();
    }

    @Test
    void eachCallRecordsCachedTokensAndItsCostAndTheRunShowsTheSum() throws Exception {
        priced();
        try (OpenAiStub stub = stub()) {
            analysed(stub, "r", 4, "priced");
            JsonNode one = analyses("r").get(0);
            assertThat(one.at("/provenance/usage/cached_tokens").asLong()).isEqualTo(40);
            assertThat(one.at("/provenance/cost_usd").asDouble()).isCloseTo(PER_CALL, org.assertj.core.data.Offset.offset(1e-12));

            Cli.Result show = cli(stub).run("runs", "show", "r");
            assertThat(show.out()).contains("Cost:      $0.00048").contains("cost $0.00048");
            Cli.Result json = cli(stub).run("runs", "show", "r", "--json");
            assertThat(Json.MAPPER.readTree(json.out()).at("/cost/total_usd").asDouble()).isCloseTo(4 * PER_CALL,
                    org.assertj.core.data.Offset.offset(1e-12));

            List<String> csv = cli(stub).run("runs", "export", "--runs", "r").out().lines().toList();
            assertThat(csv.get(0)).endsWith(",prompt_tokens,cached_tokens,completion_tokens,cost_usd");
            assertThat(csv.get(1)).endsWith(",100,40,20,1.2E-4");
        }
    }

    @Test
    void aModelWithoutAPriceCostsUnknownNeverZeroAndCompareShowsBothRuns() throws Exception {
        priced();
        try (OpenAiStub stub = stub()) {
            analysed(stub, "a", 3, "priced");
            ok(cli(stub).run("metrics", "--run-id", "a"));
            analysed(stub, "b", 3, "openai:test-model");
            ok(cli(stub).run("metrics", "--run-id", "b"));

            assertThat(analyses("b").get(0).has("cost_usd")).isFalse();
            assertThat(cli(stub).run("runs", "show", "b").out()).contains("Cost:      unknown").doesNotContain("$0.00");
            List<String> csv = cli(stub).run("runs", "export", "--runs", "b").out().lines().toList();
            assertThat(csv.get(1)).endsWith(",100,40,20,");

            ok(cli(stub).run("report", "--run-id", "a"));
            assertThat(Files.readString(ws.resolve("runs/a/reports/report.md"))).contains("- **Cost:** $0.00036");
            assertThat(Files.readString(ws.resolve("runs/a/reports/report.html"))).contains("$0.00036");
            ok(cli(stub).run("report", "--run-id", "b"));
            assertThat(Files.readString(ws.resolve("runs/b/reports/report.md"))).contains("- **Cost:** unknown");

            Cli.Result query = cli(stub).run("runs", "query", "--csv",
                    "select r.run_id, r.cost_usd, sum(c.cost_usd), count(c.cost_usd) from runs r join calls c using (run_id) group by all order by 1");
            ok(query);
            assertThat(query.out().lines()).containsSubsequence("a,3.6E-4,3.6E-4,3", "b,,,0");

            Cli.Result compare = cli(stub).run("runs", "compare", "a", "b");
            ok(compare);
            assertThat(compare.out()).containsPattern("cost \\(all model calls\\) +\\$0\\.00036 +unknown")
                    .containsPattern("cost per analysed call +\\$0\\.00012 +unknown");
        }
    }

    @Test
    void estimateSaysCallsTokensAndCostWithoutCallingTheModelOrWritingAnalyses() throws Exception {
        priced();
        try (OpenAiStub stub = stub()) {
            sampled(stub, "r", 4);
            Cli.Result estimate = cli(stub).run("analyze", "--run-id", "r", "--model", "priced", "--estimate");
            ok(estimate);
            assertThat(estimate.out()).containsPattern("Estimate: 4 calls, ~[0-9,]+ input \\+ ~4,000 output tokens "
                    + "\\(an assumed 1000 per call\\), \\$0\\.[0-9]+–\\$0\\.[0-9]+ with priced");
            assertThat(cli(stub).run("analyze", "--run-id", "r", "--model", "openai:test-model", "--estimate").out())
                    .contains("cost unknown (no price for openai:test-model");
            // no API key is needed to estimate
            Cli.Result keyless = Cli.in(ws).run("analyze", "--run-id", "r", "--model", "priced", "--estimate");
            ok(keyless);
            assertThat(keyless.out()).contains("Estimate: 4 calls");

            Cli.Result run = cli(stub).run("run", "-n", "3", "--seed", "3", "--source", SOURCE, "--run-id", "e", "--model", "priced",
                    "--estimate");
            ok(run);
            assertThat(run.all()).contains("Estimate: 3 calls");
            assertThat(stub.requests.get()).isZero();
            assertThat(Files.list(ws.resolve("runs/e/sampled")).count()).isEqualTo(3);
            assertThat(Files.exists(ws.resolve("runs/r/analyses")) && Files.list(ws.resolve("runs/r/analyses")).findAny().isPresent()).isFalse();
        }
    }

    @Test
    void maxCostStopsBeforeTheLimitResumableAndAHigherLimitContinuesWithoutRepaying() throws Exception {
        priced();
        try (OpenAiStub stub = stub()) {
            sampled(stub, "r", 4);
            Cli.Result stopped = cli(stub).run("analyze", "--run-id", "r", "--model", "priced", "--max-cost", "0.0001");
            assertThat(stopped.code()).as(stopped.all()).isEqualTo(130);
            assertThat(stopped.err()).contains("Stopped at the cost limit (stopped at the cost limit: $0.00 spent of $0.0001); 4 calls left")
                    .contains("--max-cost USD");
            assertThat(stub.requests.get()).isZero();
            JsonNode status = Json.MAPPER.readTree(ws.resolve("runs/r/status.json").toFile());
            assertThat(status.at("/stages/analysis/status").asText()).isEqualTo("interrupted");
            assertThat(status.at("/stages/analysis/error").asText()).isEqualTo("stopped at the cost limit: $0.00 spent of $0.0001");

            ok(cli(stub).run("analyze", "--run-id", "r", "--model", "priced", "--max-cost", "5", "--limit", "2"));
            assertThat(stub.requests.get()).isEqualTo(2);
            ok(cli(stub).run("analyze", "--run-id", "r", "--model", "priced", "--max-cost", "5"));
            assertThat(stub.requests.get()).isEqualTo(4);
            assertThat(Json.MAPPER.readTree(ws.resolve("runs/r/status.json").toFile()).at("/stages/analysis/detail/cost_usd").asDouble())
                    .isCloseTo(4 * PER_CALL, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void maxCostWithAModelWithoutAPriceIsRefusedBeforeAnyCall() throws Exception {
        try (OpenAiStub stub = stub()) {
            sampled(stub, "r", 2);
            Cli.Result refused = cli(stub).run("analyze", "--run-id", "r", "--model", "openai:test-model", "--max-cost", "1");
            assertThat(refused.code()).isEqualTo(2);
            assertThat(refused.err()).contains("--max-cost needs the model's price, and the catalog has none for \"openai:test-model\"");
            assertThat(stub.requests.get()).isZero();
        }
    }

    @Test
    void aRunSaysItsEstimateBeforeAnalysingAndItsCostAtTheEnd() throws Exception {
        priced();
        try (OpenAiStub stub = stub()) {
            Cli.Result run = cli(stub).run("run", "-n", "2", "--seed", "3", "--source", SOURCE, "--run-id", "p", "--model", "priced",
                    "--stages", "sample,analyze,metrics");
            ok(run);
            assertThat(run.all()).contains("Estimate: 2 calls").contains("cost: $0.00024");
            assertThat(stub.requests.get()).isEqualTo(2);
        }
    }
}
