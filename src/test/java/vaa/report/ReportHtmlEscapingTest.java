package vaa.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vaa.insights.InsightFixtures;
import vaa.io.Json;
import vaa.testing.Cli;
import vaa.testing.OpenAiStub;

/**
 * Text that tries to break out of report.html, fed through the whole pipeline: transcript lines,
 * metadata, a source directory and an analysis file name, and a model that quotes it all back in
 * its judgements and insights. The page must show it as text and run none of it.
 */
class ReportHtmlEscapingTest {
    static final String SCRIPT = "</script><script>alert(1)</script>";
    static final String IMG = "<img src=x onerror=alert(1)>";
    static final String SCRIPT_ESCAPED = "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;";
    static final String IMG_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;";
    /** An opening tag with an event handler: what a broken-out {@code <img onerror=…>} would look like. */
    static final Pattern HANDLER_IN_TAG = Pattern.compile("<[^>]*\\bon[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

    @TempDir
    Path ws;

    /** A valid judgement that repeats the hostile lines: a verbatim quote, the intent, the summary, the failure reason. */
    static String judgement(JsonNode request) {
        ObjectNode j = Json.MAPPER.createObjectNode();
        j.put("outcome", "unresolved").put("customer_intent", "cancel " + SCRIPT).put("task_completed", false)
                .put("escalation_requested", false).put("sentiment_start", "neutral").put("sentiment_end", "negative");
        j.putArray("friction_points").addObject().put("category", "repetition").put("description", "Repeated " + IMG)
                .put("quote", SCRIPT).put("utterance_index", 1);
        j.putArray("agent_errors").addObject().put("category", "missed_intent").put("description", "Ignored " + IMG)
                .put("utterance_index", 2);
        j.put("summary", "The customer wrote " + SCRIPT + " and " + IMG + ".").put("failure_reason", "The agent echoed " + IMG + SCRIPT)
                .put("improvement_suggestion", "Never echo " + SCRIPT);
        return j.toString();
    }

    private static void ok(Cli.Result r) {
        assertThat(r.code()).as(r.all()).isZero();
    }

    @Test
    void markupFromTranscriptsMetadataFileNamesAndModelsIsShownAsTextNeverAsTags() throws Exception {
        Path source = ws.resolve("calls " + IMG); // the sample's source directory is named in the report's header
        Files.createDirectories(source);
        String call = resource("/report/hostile-call.json");
        Files.writeString(source.resolve("a.json"), call);
        Files.writeString(source.resolve("b.json"), call);
        Path reports = ws.resolve("runs/r/reports");
        try (OpenAiStub stub = new OpenAiStub(b -> b.toString().contains("Call id:") ? judgement(b)
                : InsightFixtures.answer("Theme " + IMG + SCRIPT, InsightFixtures.idsShown(b)))) {
            Cli cli = Cli.in(ws).env(stub.env());
            ok(cli.run("sample", "-n", "2", "--seed", "1", "--source", source.toString(), "--run-id", "r"));
            ok(cli.run("analyze", "--run-id", "r", "--model", "openai:demo", "--workers", "2"));
            // a failed call whose file name and error carry markup: appendix ids and links come from file names
            Files.writeString(ws.resolve("runs/r/analyses/x'\"" + IMG + ".error.json"),
                    Json.MAPPER.createObjectNode().put("call_id", "x").put("error", "model said " + SCRIPT).toString());
            ok(cli.run("metrics", "--run-id", "r", "--by", "campaign"));
            ok(cli.run("extract", "--run-id", "r"));
            ok(Cli.in(ws).run("insights", "--run-id", "r")); // no model: themes computed from the notes, quotes included
            ok(cli.run("report", "--run-id", "r"));

            Document page = assertNothingBreaksOut(Files.readString(reports.resolve("report.html")));
            assertThat(part(page, "header")).contains("calls " + IMG); // the source directory
            assertThat(part(page, "breakdown")).contains("Breakdown by campaign", IMG); // the metadata value
            assertThat(part(page, "calls")).contains("cancel " + SCRIPT, "The customer wrote " + SCRIPT + " and " + IMG + ".",
                    "x'\"" + IMG, "model said " + SCRIPT); // intent, summary, a file name as call id, an error
            assertThat(part(page, "insights")).contains("For example \"" + SCRIPT + "\"", "The agent echoed " + IMG + SCRIPT);

            // the last stage sealed r; the model's insights go into a new run on the same calls
            ok(cli.run("run", "--from", "r", "--run-id", "r2", "--model", "openai:demo", "--insights-model", "openai:demo"));

            page = assertNothingBreaksOut(Files.readString(ws.resolve("runs/r2/reports/report.html")));
            assertThat(part(page, "insights")).contains("Theme " + IMG + SCRIPT, "Most failures come from theme " + IMG + SCRIPT);
        }
    }

    /** Checks the page and returns it as a browser would read it (entities decoded). */
    private static Document assertNothingBreaksOut(String html) throws Exception {
        Document doc = ReportHtmlChecks.assertWellFormedAndSelfContained(html); // no script or img element, no on* attribute
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("</script").doesNotContainIgnoringCase("<img");
        Matcher handler = HANDLER_IN_TAG.matcher(html);
        assertThat(handler.find()).as("event handler inside a tag").isFalse();
        assertThat(html).contains(SCRIPT_ESCAPED, IMG_ESCAPED);
        return doc;
    }

    /** The text of the page's header, or of the section with the given id. */
    private static String part(Document doc, String id) {
        if (id.equals("header")) {
            return doc.getElementsByTagName("header").item(0).getTextContent();
        }
        NodeList sections = doc.getElementsByTagName("section");
        for (int i = 0; i < sections.getLength(); i++) {
            Element s = (Element) sections.item(i);
            if (s.getAttribute("id").equals(id)) {
                return s.getTextContent();
            }
        }
        throw new AssertionError("no section " + id);
    }

    @Test
    void theTemplatesInsertNothingUnescapedButTheStylesheet() throws Exception {
        Pattern raw = Pattern.compile("\\{\\{\\{[^}]*}}}|\\{\\{&[^}]*}}");
        List<Path> templates;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/vaa/report"))) {
            templates = files.filter(f -> f.toString().endsWith(".mustache")).sorted().toList();
        }
        assertThat(templates).hasSizeGreaterThan(1);
        for (Path t : templates) {
            List<String> unescaped = raw.matcher(Files.readString(t)).results().map(MatchResult::group).toList();
            assertThat(unescaped).as(t.toString()).isEqualTo(t.endsWith("report.html.mustache") ? List.of("{{{css}}}") : List.of());
        }
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = ReportHtmlEscapingTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
