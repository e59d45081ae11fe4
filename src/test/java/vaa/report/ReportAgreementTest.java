package vaa.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.agree.LabelSources;
import vaa.io.Json;
import vaa.io.MessageSink;
import vaa.metrics.MetricsStage;
import vaa.run.Run;
import vaa.testing.RunFixtures;

/** The report's judge-vs-labels section: there when the run has labels, escaped like the rest, and absent otherwise. */
class ReportAgreementTest {
    static final String SCRIPT = "</script><script>alert(1)</script>";

    @TempDir
    Path ws;
    Run run;

    /** 40 calls judged task completed for c00..c29; c20's judge wrote markup into its summary. */
    @BeforeEach
    void run() throws Exception {
        run = RunFixtures.analysed(ws, "r", "m", RunFixtures.fortyCalls(30, 30, 10, 1.0));
        Path c20 = run.analysesDir().resolve("c20.json");
        ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(c20.toFile());
        ((ObjectNode) doc.get("judgement")).put("summary", "Said " + SCRIPT);
        Files.writeString(c20, Json.pretty(doc));
        MetricsStage.run(run, null);
    }

    /** Labels: task completed for c00..c19 only (30 of 40 agree), by a reviewer whose name is markup. */
    private LabelSources labels() throws Exception {
        StringBuilder csv = new StringBuilder("call_id,field,value,reviewer\n");
        for (int i = 0; i < 40; i++) {
            csv.append(String.format("c%02d,task_completed,%s,\"<b>%s</b>\"%n", i, i < 20, "qa|team"));
        }
        Files.writeString(ws.resolve("labels.csv"), csv);
        return LabelSources.of(ws, Path.of("labels.csv"), List.of());
    }

    @Test
    void theSectionShowsFiguresMatrixAndDisagreementsAsTextInBothReports() throws Exception {
        ReportStage.Result r = ReportStage.run(run, ReportStage.Format.ALL, labels(), MessageSink.NONE);

        String md = Files.readString(run.reportsDir().resolve("report.md"));
        assertThat(md).contains("## Judge vs labels", "| task\\_completed | 40 | 75.0% (59.8–85.8%) | 0.50 (0.27–0.73) | — |",
                "| false | 10 | 10 |", "10 disagreement(s):", "Said \\</script\\>\\<script\\>alert(1)\\</script\\>",
                "\\<b\\>qa\\|team\\</b\\>", "Not measured (no label for a judged call): outcome");

        String html = Files.readString(run.reportsDir().resolve("report.html"));
        ReportHtmlChecks.assertWellFormedAndSelfContained(html);
        assertThat(html).contains("<section id=\"agreement\">", "75.0% (59.8–85.8%)", "Said &lt;/script&gt;&lt;script&gt;",
                "&lt;b&gt;qa|team&lt;/b&gt;", "<a class=\"id\" href=\"../analyses/c20.json\">c20</a>")
                .doesNotContain("<b>qa");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void aRunWithoutLabelsHasNoSection() throws Exception {
        ReportStage.run(run, ReportStage.Format.ALL, MessageSink.NONE);

        assertThat(Files.readString(run.reportsDir().resolve("report.md"))).doesNotContain("Judge vs labels");
        assertThat(Files.readString(run.reportsDir().resolve("report.html"))).doesNotContain("id=\"agreement\"", "#agreement");
    }

    @Test
    void labelsThatCannotBeReadCostTheSectionNotTheReport() throws Exception {
        Files.writeString(ws.resolve("bad.csv"), "call_id,field,value\nc00,outcome,fine\n");
        ReportStage.Result r = ReportStage.run(run, ReportStage.Format.MD, new LabelSources(ws.resolve("bad.csv"), "bad.csv", Map.of(), false),
                MessageSink.NONE);

        assertThat(r.files()).hasSize(1);
        assertThat(r.warnings()).singleElement().asString().contains("no judge-vs-labels section", "bad.csv, line 2");
        assertThat(Files.readString(run.reportsDir().resolve("report.md"))).doesNotContain("## Judge vs labels");
    }
}
