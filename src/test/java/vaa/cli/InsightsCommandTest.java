package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.insights.InsightFixtures;
import vaa.io.Json;
import vaa.testing.Cli;
import vaa.testing.OpenAiStub;

class InsightsCommandTest {
    static final String SOURCE = Path.of("customer_data").toAbsolutePath().toString();

    @TempDir
    Path ws;

    private void prepared(int judged) throws Exception {
        InsightFixtures.run(ws, "r", judged);
        assertThat(Cli.in(ws).run("metrics", "--run-id", "r").code()).isZero();
        assertThat(Cli.in(ws).run("extract", "--run-id", "r").code()).isZero();
    }

    private static OpenAiStub stub() throws Exception {
        return new OpenAiStub(b -> b.toString().contains("Call id:") ? OpenAiStub.variedJudgement(b)
                : InsightFixtures.answer("Unconfirmed orders", InsightFixtures.idsShown(b)));
    }

    private JsonNode insights() throws Exception {
        return Json.MAPPER.readTree(ws.resolve("runs/r/reports/insights.json").toFile());
    }

    @Test
    void withAModelListsTheThemesAndWhereTheyAreWritten() throws Exception {
        prepared(8);
        try (OpenAiStub stub = stub()) {
            Cli.Result r = Cli.in(ws).env(stub.env()).run("insights", "--run-id", "r", "--model", "openai:test-model");

            assertThat(r.code()).as(r.all()).isZero();
            assertThat(r.out()).contains("Model:  openai:test-model", "Prompt: insights v2 (built-in); context budget 24000 tokens",
                    "Insights for run r: 1 theme by openai:test-model", "1. Unconfirmed orders (8 calls)",
                    "Written: runs/r/reports/insights.json, runs/r/reports/insights.md", "Next: vaa report --run-id r");
            assertThat(stub.requests.get()).isEqualTo(1);
        }
    }

    @Test
    void theCatalogsInsightsModelIsTheDefault() throws Exception {
        prepared(4);
        Files.writeString(ws.resolve("vaa-models.json"), "{\"defaults\": {\"insights\": \"gpt-4o-mini\"}}");
        try (OpenAiStub stub = stub()) {
            Cli.Result r = Cli.in(ws).env(stub.env()).run("insights", "--run-id", "r");

            assertThat(r.code()).as(r.all()).isZero();
            assertThat(insights().at("/model/key").asText()).isEqualTo("gpt-4o-mini");
            assertThat(r.out()).contains("context budget 90000 tokens (default for gpt-4o models");
            assertThat(stub.requests.get()).isEqualTo(1);
        }
    }

    @Test
    void aTinyContextBudgetSplitsTheWorkIntoBatches() throws Exception {
        prepared(30);
        try (OpenAiStub stub = stub()) {
            Cli.Result r = Cli.in(ws).env(stub.env()).run("insights", "--run-id", "r", "--model", "openai:m", "--context-budget", "2500");

            assertThat(r.code()).as(r.all()).isZero();
            assertThat(r.out()).contains("summarising them in batches", "(map-reduce over ");
            assertThat(insights().at("/method/mode").asText()).isEqualTo("map_reduce");
            assertThat(stub.requests.get()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void withoutAModelTheInsightsAreComputedLabelledAndTheExitCodeIsZero() throws Exception {
        prepared(12);

        Cli.Result r = Cli.in(ws).run("insights", "--run-id", "r");

        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("(computed without a model)", "1. Calls ending");
        assertThat(r.err()).contains("[warn] Insights computed without a model", "GEMINI_API_KEY");
        assertThat(insights().get("produced_by").asText()).isEqualTo("computed_without_model");
        assertThat(Files.readString(ws.resolve("runs/r/reports/insights.md"))).contains("**Computed without a model.**");
    }

    @Test
    void missingMetricsExitsTwoNamingTheCommandToRun() throws Exception {
        InsightFixtures.run(ws, "r", 3);

        Cli.Result r = Cli.in(ws).run("insights", "--run-id", "r");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no reports/metrics.json", "vaa metrics --run-id r");
    }

    @Test
    void withAModelMissingNotesExitTwoNamingExtract() throws Exception {
        InsightFixtures.run(ws, "r", 3);
        Cli.in(ws).run("metrics", "--run-id", "r");
        try (OpenAiStub stub = stub()) {
            Cli.Result r = Cli.in(ws).env(stub.env()).run("insights", "--run-id", "r", "--model", "openai:m");

            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("vaa extract --run-id r");
            assertThat(stub.requests.get()).isZero();
        }
    }

    @Test
    void badOptionsAreUsageErrors() throws Exception {
        prepared(3);

        assertThat(Cli.in(ws).run("insights", "--run-id", "r", "--context-budget", "0").code()).isEqualTo(2);
        assertThat(Cli.in(ws).run("insights", "--run-id", "r", "--workers", "0").code()).isEqualTo(2);
        Cli.Result noKey = Cli.in(ws).run("insights", "--run-id", "r", "--model", "groq:llama");
        assertThat(noKey.code()).isEqualTo(2);
        assertThat(noKey.err()).contains("GROQ_API_KEY");
    }

    @Test
    void jsonPutsTheDocumentOnStdoutAndMessagesOnStderr() throws Exception {
        prepared(5);
        try (OpenAiStub stub = stub()) {
            Cli.Result r = Cli.in(ws).env(stub.env()).run("insights", "--run-id", "r", "--model", "openai:m", "--json");

            assertThat(r.code()).as(r.all()).isZero();
            JsonNode doc = Json.MAPPER.readTree(r.out());
            assertThat(doc.at("/themes/0/supporting_call_ids")).hasSize(5);
            assertThat(r.err()).contains("Model:  openai:m");
        }
    }

    @Test
    void fromSampleToInsightsTheStagesChainThroughTheirFiles() throws Exception {
        try (OpenAiStub stub = stub()) {
            Cli cli = Cli.in(ws).env(stub.env());
            for (List<String> step : List.of(
                    List.of("sample", "-n", "10", "--seed", "4", "--source", SOURCE, "--run-id", "e2e"),
                    List.of("analyze", "--run-id", "e2e", "--model", "openai:m"),
                    List.of("metrics", "--run-id", "e2e"),
                    List.of("extract", "--run-id", "e2e"),
                    List.of("insights", "--run-id", "e2e", "--model", "openai:m"))) {
                Cli.Result r = cli.run(step.toArray(String[]::new));
                assertThat(r.code()).as(step + ": " + r.all()).isZero();
            }
            JsonNode status = Json.MAPPER.readTree(ws.resolve("runs/e2e/status.json").toFile());
            assertThat(status.at("/stages/nl_extraction/count").asInt()).isEqualTo(10);
            assertThat(status.at("/stages/insights/status").asText()).isEqualTo("completed");
            JsonNode doc = Json.MAPPER.readTree(ws.resolve("runs/e2e/reports/insights.json").toFile());
            assertThat(doc.at("/themes/0/supporting_call_ids")).hasSize(10);
            assertThat(doc.at("/invalid_ids_removed")).isEmpty();
            JsonNode config = Json.MAPPER.readTree(ws.resolve("runs/e2e/config.json").toFile());
            assertThat(config.at("/models/analysis/key").asText()).isEqualTo("openai:m");
            assertThat(config.at("/models/insights/key").asText()).isEqualTo("openai:m");
            assertThat(config.at("/prompts/insights/version").asInt()).isEqualTo(2);
        }
    }
}
