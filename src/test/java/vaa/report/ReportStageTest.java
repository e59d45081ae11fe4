package vaa.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import vaa.VaaException;
import vaa.io.Json;
import vaa.io.MessageSink;
import vaa.metrics.MetricsStage;
import vaa.run.Run;
import vaa.run.RunStore;
import vaa.run.Stage;

class ReportStageTest {
    static final String SCRIPT = "<script>alert('x')</script>";

    @TempDir
    Path ws;
    Run run;
    final List<String> warnings = new ArrayList<>();
    final MessageSink sink = new MessageSink() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {
            warnings.add(message);
        }
    };

    /** Four judged calls (2 resolved: 50.0%, Wilson 15.0–85.0%), one failed; model text carries markup. */
    @BeforeEach
    void run() throws Exception {
        run = new RunStore(ws, Clock.systemDefaultZone(), "t").tryCreate("r").orElseThrow();
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("transcripts_dir", ws.resolve("customer_data").toString());
        source.put("transcripts_dir_relative", "customer_data");
        source.put("total_available", 1234);
        run.updateConfig(c -> c.withSource(source).withArgs(Map.of("sample_size", 5, "seed", 42))
                .withModels(Map.of("analysis", Map.of("key", "openai:gpt-x", "model", "gpt-x", "provider", "openai")))
                .withPrompts(Map.of("analysis", Map.of("name", "call_analysis", "version", 3, "source", "langfuse"))));
        judged("a", "resolved", "Ann", "check <b>balance</b>", "Customer wrote " + SCRIPT + " & \"quoted\" | pipes", "[1.0, 3.0]",
                "[{\"category\":\"repetition\",\"quote\":\"q\",\"quote_verified\":true}]", "[]");
        judged("b", "resolved", "Bob", "order a drink", "Fine call.", "[0.6]", "[]", "[]");
        judged("c", "unresolved", "Ann", "order a drink", "Control \\u0001 character and emoji \\ud83d\\ude00.", "[2.2]",
                "[{\"category\":\"long_wait\",\"quote\":\"q\",\"quote_verified\":false}]", "[]");
        judged("d", "escalated", "Bob", "cancel", "Handed over.", "[]", "[]", "[{\"category\":\"wrong_information\"}]");
        Files.writeString(run.analysesDir().resolve("e.error.json"), "{\"call_id\":\"e\",\"error\":\"model answer was not JSON " + SCRIPT + "\"}");
        MetricsStage.run(run, "agent_name");
    }

    private void judged(String id, String outcome, String agent, String intent, String summary, String latencies, String friction,
                        String errors) throws Exception {
        Files.writeString(run.analysesDir().resolve(id + ".json"), "{\"schema_version\":\"1.0\",\"call_id\":\"" + id + "\","
                + "\"metadata\":{\"agent_name\":\"" + agent + "\"},\"structural\":{\"agent_response_latencies_s\":" + latencies
                + ",\"agent_response_latency_p50_s\":1.0,\"duration_s\":61.5,\"agent_talk_ratio\":0.5,\"utterances\":10},"
                + "\"judgement\":{\"outcome\":\"" + outcome + "\",\"customer_intent\":\"" + intent + "\",\"task_completed\":"
                + outcome.equals("resolved") + ",\"escalation_requested\":" + outcome.equals("escalated")
                + ",\"sentiment_start\":\"negative\",\"sentiment_end\":\"" + (outcome.equals("resolved") ? "positive" : "negative")
                + "\",\"friction_points\":" + friction + ",\"agent_errors\":" + errors + ",\"summary\":\"" + summary.replace("\"", "\\\"")
                + "\"}}");
    }

    private void insights(String json) throws Exception {
        Files.writeString(run.reportsDir().resolve("insights.json"), json);
    }

    private String read(String name) throws Exception {
        return Files.readString(run.reportsDir().resolve(name));
    }

    @Test
    void writesBothReportsAndRecordsTheStage() throws Exception {
        ReportStage.Result r = ReportStage.run(run, ReportStage.Format.ALL, sink);
        assertThat(r.files()).containsExactly(run.reportsDir().resolve("report.md"), run.reportsDir().resolve("report.html"));
        assertThat(r.calls()).isEqualTo(5);
        assertThat(r.insightsIncluded()).isFalse();
        assertThat(warnings).isEmpty();
        JsonNode status = Json.MAPPER.readTree(run.dir().resolve("status.json").toFile());
        assertThat(status.at("/stages/report/status").asText()).isEqualTo("completed");
        assertThat(status.at("/stages/report/count").asInt()).isEqualTo(5);
        assertThat(status.at("/stages/report/detail/files").toString()).contains("reports/report.md", "reports/report.html");
        assertThat(status.at("/stages/report/detail/appendix_rows").asInt()).isEqualTo(5);
    }

    @Test
    void markdownHasEverySectionTheHeaderAndTheFigures() throws Exception {
        ReportStage.run(run, ReportStage.Format.MD, sink);
        assertThat(run.reportsDir().resolve("report.html")).doesNotExist();
        String md = read("report.md");
        assertThat(md).contains("# Call analysis report: run r", "## Headline figures", "## Insights", "## Outcomes", "## Friction",
                "## Agent errors", "## Sentiment: start to end", "## Agent response latency", "## Structural figures",
                "## Breakdown by agent\\_name", "## Calls");
        // header: source with its total, sample and seed, model, prompt name and version
        assertThat(md).contains("customer\\_data (1,234 transcripts available)", "seed 42", "openai:gpt-x (gpt-x via openai)",
                "call\\_analysis v3 (langfuse)",
                "**Stages:** sampling pending, analysis pending, metrics completed, nl\\_extraction pending, insights pending");
        assertThat(md).contains("| Calls analysed | 4 (4 with judgement, 0 structural only, 1 failed) |",
                "| Resolution rate | 50.0% (95% CI 15.0–85.0%, 2 of 4) |",
                "| Resolved | 2 | 50.0% | 15.0–85.0% |",
                "| Repetition | 1 | 1 | 25.0% | [a](../analyses/a.json) |",
                "| Wrong information | 1 | 1 | 25.0% | [d](../analyses/d.json) |",
                "| Ann | 2 | 2 | 50.0% (9.5–90.6%) | 50.0% (9.5–90.6%) | 0.0% (0.0–65.8%) | 2.20 | 2.92 | 61.5 |");
        assertThat(md).contains("Insights not generated yet (run `vaa insights --run-id r`).");
        // appendix: judged calls link their analysis, the failed one its error file
        assertThat(md).contains("[a](../analyses/a.json) | Resolved | check \\<b\\>balance\\</b\\>",
                "[e](../analyses/e.error.json) | analysis failed |");
    }

    @Test
    void markdownEscapesModelTextSoItCannotInjectHtmlOrBreakTables() throws Exception {
        ReportStage.run(run, ReportStage.Format.MD, sink);
        String md = read("report.md");
        assertThat(md).doesNotContain(SCRIPT).doesNotContain("<b>").doesNotContain("\u0001");
        assertThat(md).contains("Control \uFFFD character and emoji \uD83D\uDE00.");
        assertThat(md).contains("Customer wrote \\<script\\>alert('x')\\</script\\> \\& \"quoted\" \\| pipes");
        for (String line : md.split("\n")) {
            if (line.startsWith("| [a]")) {
                assertThat(line.split("(?<!\\\\)\\|")).hasSize(6); // 5 cells between 6 bars, the escaped pipe not counted
            }
        }
    }

    @Test
    void htmlIsWellFormedSelfContainedAndEscaped() throws Exception {
        insights("""
                {"produced_by": "model", "model": {"key": "openai:gpt-x", "model": "gpt-x", "provider": "openai"},
                 "prompt": {"name": "insights", "version": 2, "source": "built-in"},
                 "method": {"mode": "map_reduce", "chunks": 3, "levels": 2, "requests": 4, "cached_requests": 1},
                 "summary": "Most failures are verification.",
                 "themes": [{"title": "Verification <img src=x onerror=alert(1)>", "explanation": "Callers verify twice.",
                             "call_count": 2, "supporting_call_ids": ["a", "c"],
                             "recommendations": ["Ask for everything at once.", {"text": "Say how long it takes."}]}],
                 "invalid_ids_removed": [{"id": "zz", "theme": "Verification", "step": "merge"}]}
                """);
        ReportStage.run(run, ReportStage.Format.HTML, sink);
        String html = read("report.html");
        Document doc = ReportHtmlChecks.assertWellFormedAndSelfContained(html);
        assertThat(html).doesNotContain(SCRIPT).doesNotContain("<img").doesNotContain("<b>");
        String text = ReportHtmlChecks.text(doc);
        // escaped, so the browser shows the markup as text
        assertThat(text).contains("Customer wrote " + SCRIPT + " & \"quoted\" | pipes", "check <b>balance</b>",
                "Verification <img src=x onerror=alert(1)>", "model answer was not JSON " + SCRIPT);
        assertThat(text).contains("\uFFFD character and emoji \uD83D\uDE00"); // a control code cannot go into XML
        assertThat(text).contains("Run r", "openai:gpt-x (gpt-x via openai)", "call_analysis v3 (langfuse)", "seed 42", "1,234 transcripts");
        assertThat(text).contains("Synthesised by model openai:gpt-x (gpt-x via openai) with prompt insights v2 (built-in)",
                "by map-reduce over 3 batches of notes in 2 levels", "1 call id the model cited did not belong to this run",
                "Ask for everything at once.", "Say how long it takes.", "Most failures are verification.");
        assertThat(html).contains("<svg class=\"chart\"").contains("Outcome shares with 95% confidence intervals",
                "Histogram of agent response latency", "Friction by category", "Agent errors by category");
        assertThat(html).contains("href=\"../analyses/a.json\"", "href=\"../analyses/e.error.json\"");
        assertThat(doc.getElementsByTagName("section").getLength()).isEqualTo(10);
    }

    @Test
    void insightsComputedWithoutAModelSaySo() throws Exception {
        insights("""
                {"produced_by": "computed_without_model", "notice": "These themes are computed by fixed rules.",
                 "model_skipped_reason": "no model configured", "how_to_configure": "Set GEMINI_API_KEY, then run vaa insights.",
                 "themes": [{"title": "Calls ending escalated", "call_count": 1, "supporting_call_ids": ["d"], "recommendations": ["Check them."]}]}
                """);
        ReportStage.run(run, ReportStage.Format.ALL, sink);
        String md = read("report.md");
        assertThat(md).contains("> Computed without a model. These themes are computed by fixed rules. Why no model: no model configured.",
                "> Set GEMINI\\_API\\_KEY, then run vaa insights.", "### 1. Calls ending escalated", "Recommendations (rule-based");
        String text = ReportHtmlChecks.text(ReportHtmlChecks.assertWellFormedAndSelfContained(read("report.html")));
        assertThat(text).contains("Computed without a model.", "Recommendations (rule-based)", "Calls ending escalated");
    }

    @Test
    void insightsWithMissingPartsStillRender() throws Exception {
        insights("{\"themes\": [{\"explanation\": \"No title here.\"}, \"not a theme\", {\"title\": \"T\", \"recommendations\": \"one\"}]}");
        ReportStage.run(run, ReportStage.Format.ALL, sink);
        assertThat(read("report.md")).contains("### 1. (untitled theme)", "No title here.", "### 2. T");
        ReportHtmlChecks.assertWellFormedAndSelfContained(read("report.html"));
    }

    @Test
    void unreadableInsightsAndStaleMetricsAreReportedNotHidden() throws Exception {
        insights("{ not json");
        judged("f", "resolved", "Ann", "x", "Analysed after metrics.", "[]", "[]", "[]");
        ReportStage.Result r = ReportStage.run(run, ReportStage.Format.ALL, sink);
        assertThat(r.insightsIncluded()).isFalse();
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).contains("metrics.json counts 4 analyses and 1 failures, but the run now holds 5 and 1",
                "vaa metrics --run-id r");
        assertThat(warnings.get(1)).contains("reports/insights.json cannot be read");
        String md = read("report.md");
        assertThat(md).contains("> **Warning:** reports/metrics.json counts 4 analyses");
        assertThat(md).contains("insights.json cannot be read").doesNotContain("Insights not generated yet");
        JsonNode status = Json.MAPPER.readTree(run.dir().resolve("status.json").toFile());
        assertThat(status.at("/stages/report/detail/warnings")).hasSize(2);
    }

    @Test
    void withoutMetricsItIsAUsageErrorNamingVaaMetricsAndTheStageIsNotStarted() throws Exception {
        Files.delete(run.reportsDir().resolve("metrics.json"));
        assertThatThrownBy(() -> ReportStage.run(run, ReportStage.Format.ALL, sink))
                .isInstanceOf(VaaException.class)
                .hasMessageContaining("vaa metrics --run-id r")
                .satisfies(e -> assertThat(((VaaException) e).exitCode()).isEqualTo(VaaException.USAGE));
        assertThat(run.status().stage(Stage.REPORT).status()).isEqualTo("pending");
        Files.writeString(run.reportsDir().resolve("metrics.json"), "[1, 2]");
        assertThatThrownBy(() -> ReportStage.run(run, ReportStage.Format.ALL, sink)).hasMessageContaining("not a metrics document");
    }

    @Test
    void theAppendixIsCappedWithANoteAndKeepsCallIdOrder() {
        ReportData d = ReportLoader.load(run, ReportLoader.readMetrics(run), 3);
        assertThat(d.totalCalls()).isEqualTo(5);
        assertThat(d.calls()).extracting(ReportCall::callId).containsExactly("a", "b", "c");
        assertThat(ReportMarkdown.render(d)).contains("Showing the first 3 of 5 calls by call id");
        assertThat(ReportHtml.render(d)).contains("Showing the first 3 of 5 calls by call id");
    }

    @Test
    void aCallWithAnAnalysisAndAnOldErrorFileCountsOnceAsAnalysed() throws Exception {
        Files.writeString(run.analysesDir().resolve("a.error.json"), "{\"call_id\":\"a\",\"error\":\"old\"}");
        ReportData d = ReportLoader.load(run, ReportLoader.readMetrics(run), 500);
        assertThat(d.totalCalls()).isEqualTo(5);
        assertThat(d.calls()).extracting(ReportCall::callId).containsExactly("a", "b", "c", "d", "e");
        assertThat(d.calls().get(0).kind()).isEqualTo(ReportCall.Kind.JUDGED);
        assertThat(d.calls().get(4).kind()).isEqualTo(ReportCall.Kind.FAILED);
    }

    @Test
    void aStructuralOnlyRunSaysJudgementWasSkippedAndShowsTheStructuralFigures() throws Exception {
        Run bare = new RunStore(ws, Clock.systemDefaultZone(), "t").tryCreate("bare").orElseThrow();
        bare.updateConfig(c -> c.withModels(Map.of("analysis", "none (structural only)")));
        for (String id : List.of("x1", "x2")) {
            Files.writeString(bare.analysesDir().resolve(id + ".json"), "{\"schema_version\":\"1.0\",\"call_id\":\"" + id + "\","
                    + "\"metadata\":{},\"structural\":{\"agent_response_latencies_s\":[],\"agent_talk_ratio\":0.6,\"utterances\":8},"
                    + "\"judgement\":null,\"judgement_status\":\"skipped\"}");
        }
        MetricsStage.run(bare, null);
        ReportStage.run(bare, ReportStage.Format.ALL, sink);
        String md = Files.readString(bare.reportsDir().resolve("report.md"));
        assertThat(md).contains("Judgement was skipped: no model was configured", "vaa models list",
                "vaa analyze --run-id bare --model KEY", "none (structural only)", "## Structural figures",
                "| Agent share of talk (0–1) | 2 | 0.60 |", "[x1](../analyses/x1.json) | structural only |",
                "No transcript in this run has timestamps");
        assertThat(md).doesNotContain("## Outcomes").doesNotContain("## Friction");
        Document doc = ReportHtmlChecks.assertWellFormedAndSelfContained(Files.readString(bare.reportsDir().resolve("report.html")));
        String text = ReportHtmlChecks.text(doc);
        assertThat(text).contains("Judgement was skipped", "Agent talk share", "60.0%", "Insights not generated yet");
        assertThat(text).doesNotContain("Outcome shares");
    }
}
