package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.io.Json;
import vaa.report.ReportHtmlChecks;
import vaa.testing.Cli;
import vaa.testing.OpenAiStub;

class ReportCommandTest {
    static final String SOURCE = Path.of("customer_data").toAbsolutePath().toString();

    @TempDir
    Path ws;

    private Path reports(String run) {
        return ws.resolve("runs/" + run + "/reports");
    }

    private static void ok(Cli.Result r) {
        assertThat(r.code()).as(r.all()).isZero();
    }

    @Test
    void writesTheReportsOfAnAnalysedRunAndSaysHowToOpenThem() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(OpenAiStub::variedJudgement)) {
            Cli cli = Cli.in(ws).env(stub.env());
            ok(cli.run("sample", "-n", "12", "--seed", "1", "--source", SOURCE, "--run-id", "r"));
            ok(cli.run("analyze", "--run-id", "r", "--model", "openai:demo", "--workers", "4"));
            ok(cli.run("metrics", "--run-id", "r", "--by", "source"));
            Cli.Result report = cli.run("report", "--run-id", "r");
            ok(report);
            assertThat(report.out()).contains("Report for run r (12 calls, no insights yet)", "runs/r/reports/report.md",
                    "runs/r/reports/report.html", "Open it: ");
            String html = Files.readString(reports("r").resolve("report.html"));
            String text = ReportHtmlChecks.text(ReportHtmlChecks.assertWellFormedAndSelfContained(html));
            assertThat(text).contains("Run r", "openai:demo (demo via openai)", "call_analysis v1 (built-in)", "seed 1",
                    "Breakdown by source", "Insights not generated yet");
            String md = Files.readString(reports("r").resolve("report.md"));
            assertThat(md).contains("## Outcomes", "## Breakdown by source", "## Calls");
            JsonNode status = Json.MAPPER.readTree(ws.resolve("runs/r/status.json").toFile());
            assertThat(status.at("/stages/report/status").asText()).isEqualTo("completed");
            assertThat(status.at("/stages/report/count").asInt()).isEqualTo(12);

            // only the format asked for is written, in any case
            Files.delete(reports("r").resolve("report.html"));
            ok(cli.run("report", "--run-id", "r", "--format", "MD"));
            assertThat(reports("r").resolve("report.html")).doesNotExist();
            assertThat(reports("r").resolve("report.md")).exists();
        }
    }

    @Test
    void withoutAModelTheReportSaysJudgementWasSkipped() throws Exception {
        Cli cli = Cli.in(ws).env(Map.of());
        ok(cli.run("sample", "-n", "5", "--seed", "2", "--source", SOURCE, "--run-id", "bare"));
        ok(cli.run("analyze", "--run-id", "bare"));
        ok(cli.run("metrics", "--run-id", "bare"));
        ok(cli.run("report", "--run-id", "bare", "--format", "html"));
        assertThat(reports("bare").resolve("report.md")).doesNotExist();
        String text = ReportHtmlChecks.text(ReportHtmlChecks.assertWellFormedAndSelfContained(
                Files.readString(reports("bare").resolve("report.html"))));
        assertThat(text).contains("Judgement was skipped", "vaa models list", "Structural figures", "none (structural only)");
    }

    @Test
    void aRunWithoutMetricsIsAUsageErrorThatNamesVaaMetrics() {
        Cli cli = Cli.in(ws).env(Map.of());
        ok(cli.run("sample", "-n", "3", "--seed", "2", "--source", SOURCE, "--run-id", "early"));
        Cli.Result r = cli.run("report", "--run-id", "early");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no reports/metrics.json yet", "vaa metrics --run-id early");
        assertThat(reports("early").resolve("report.html")).doesNotExist();
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        Cli.Result r = Cli.in(ws).run("report", "--run-id", "x", "--format", "pdf");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("'pdf' is not a report format (use md, html or all)");
    }

    @Test
    void isListedInHelp() {
        Cli.Result r = Cli.in(ws).run("--help");
        assertThat(r.out()).contains("report");
        Cli.Result help = Cli.in(ws).run("report", "--help");
        assertThat(help.out()).contains("--format", "md|html|all", "--run-id");
    }
}
