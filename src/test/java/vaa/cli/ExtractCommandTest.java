package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.insights.InsightFixtures;
import vaa.io.Json;
import vaa.testing.Cli;

class ExtractCommandTest {
    @TempDir
    Path ws;

    @Test
    void writesTheNotesAndSaysWhatWasCountedAndWhatComesNext() throws Exception {
        InsightFixtures.run(ws, "r", 6);

        Cli.Result r = Cli.in(ws).run("extract", "--run-id", "r");

        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("Notes for run r: 6 calls with a judgement (1 structural only skipped, 1 failed)",
                "Written: runs/r/reports/nl_fields.json", "Next: vaa insights --run-id r");
        JsonNode f = Json.MAPPER.readTree(ws.resolve("runs/r/reports/nl_fields.json").toFile());
        assertThat(f.get("calls")).hasSize(6);
        assertThat(f.at("/calls/0/call_id").asText()).isEqualTo("call-00");
        assertThat(Json.MAPPER.readTree(ws.resolve("runs/r/status.json").toFile()).at("/stages/nl_extraction/status").asText())
                .isEqualTo("completed");
    }

    @Test
    void jsonPrintsTheDocumentOnStdoutOnly() throws Exception {
        InsightFixtures.run(ws, "r", 3);

        Cli.Result r = Cli.in(ws).run("extract", "--run-id", "r", "--json");

        assertThat(r.code()).isZero();
        JsonNode f = Json.MAPPER.readTree(r.out());
        assertThat(f.at("/counts/with_judgement").asInt()).isEqualTo(3);
        assertThat(f.at("/counts/structural_only_skipped").asInt()).isEqualTo(1);
    }

    @Test
    void onlyStructuralAnalysesGiveAnEmptyFileAndAWarning() throws Exception {
        InsightFixtures.run(ws, "r", 0);

        Cli.Result r = Cli.in(ws).run("extract", "--run-id", "r");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("0 calls with a judgement");
        assertThat(r.err()).contains("No call has a model judgement");
    }

    @Test
    void aRunWithoutAnalysesIsAUsageErrorNamingAnalyze() {
        Cli.Result r = Cli.in(ws).run("extract", "--run-id", "empty");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("has no analyses", "vaa analyze --run-id empty");
    }

    @Test
    void withoutARunNamedANonInteractiveSessionIsRefused() {
        Cli.Result r = Cli.in(ws).run("extract");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Non-interactive mode requires explicit --run-id or --run-dir");
    }
}
