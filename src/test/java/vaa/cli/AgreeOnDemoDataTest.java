package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.io.Json;
import vaa.testing.Cli;
import vaa.testing.OpenAiStub;

/** The bundled demo data carries ground truth, so vaa agree measures the judge on a demo run with no labels file. */
class AgreeOnDemoDataTest {
    private static final Path CAMPAIGN = Path.of("customer_data/taskmaster/coffee-orders").toAbsolutePath();
    private static final Pattern CALL_ID = Pattern.compile("Call id: ([A-Za-z0-9._-]+)");

    @TempDir
    Path ws;

    /** The demo data's ground truth for a dialogue: true, false, or null when it has none (a question, not an order). */
    private static Boolean truth(String id) {
        try {
            JsonNode t = Json.MAPPER.readTree(CAMPAIGN.resolve("processed_conversations/" + id + ".json").toFile())
                    .at("/metadata/ground_truth/task_completed");
            return t.isBoolean() ? t.asBoolean() : null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The stub judge gets a known quarter of the calls wrong: those whose id hashes to a multiple of 4. */
    private static boolean judgedWrong(String id) {
        return Math.floorMod(id.hashCode(), 4) == 0;
    }

    private static String judge(JsonNode request) {
        Matcher m = CALL_ID.matcher(request.path("messages").toString());
        String id = m.find() ? m.group(1) : "";
        boolean truth = Boolean.TRUE.equals(truth(id));
        boolean said = judgedWrong(id) != truth;
        return OpenAiStub.judgement(said ? "resolved" : "unresolved", "x");
    }

    @Test
    void aDemoRunIsMeasuredAgainstItsGroundTruthAndTheReportShowsIt() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(AgreeOnDemoDataTest::judge)) {
            Cli cli = Cli.in(ws).env(stub.env());
            assertThat(cli.run("sample", "-n", "30", "--seed", "5", "--source", CAMPAIGN.toString(), "--run-id", "demo").code()).isZero();
            Cli.Result analyzed = cli.run("analyze", "--run-id", "demo", "--model", "openai:test-model", "--workers", "2");
            assertThat(analyzed.code()).as(analyzed.all()).isZero();

            List<String> ids;
            try (Stream<Path> s = Files.list(ws.resolve("runs/demo/sampled"))) {
                ids = s.map(p -> p.getFileName().toString().replace(".json", "")).sorted().toList();
            }
            List<String> labelled = ids.stream().filter(id -> truth(id) != null).toList();
            long agree = labelled.stream().filter(id -> !judgedWrong(id)).count();
            assertThat(labelled.size()).isBetween(10, 30);
            assertThat(agree).isBetween(1L, labelled.size() - 1L);

            Cli.Result r = cli.run("agree", "--run-id", "demo", "--json");
            assertThat(r.code()).as(r.all()).isZero();
            JsonNode t = Json.MAPPER.readTree(r.out()).at("/fields/task_completed");
            assertThat(t.path("n").asInt()).isEqualTo(labelled.size());
            assertThat(t.path("agreements").asLong()).isEqualTo(agree);
            assertThat(t.path("accuracy").asDouble()).isCloseTo((double) agree / labelled.size(), org.assertj.core.api.Assertions.within(5e-5));
            assertThat(t.path("disagreements")).hasSize(labelled.size() - (int) agree);
            // the call's last line is quoted for how it ended
            assertThat(t.at("/disagreements/0/quote").asText()).matches("\\[\\d+\\] .+: .+");

            assertThat(cli.run("metrics", "--run-id", "demo").code()).isZero();
            Cli.Result report = cli.run("report", "--run-id", "demo");
            assertThat(report.code()).as(report.all()).isZero();
            String md = Files.readString(ws.resolve("runs/demo/reports/report.md"));
            assertThat(md).contains("## Judge vs labels", "| task\\_completed | " + labelled.size() + " | ")
                    .contains("Not measured (no label for a judged call): outcome");
            String html = Files.readString(ws.resolve("runs/demo/reports/report.html"));
            assertThat(html).contains("<section id=\"agreement\">", "<a href=\"#agreement\">Judge vs labels</a>");
        }
    }
}
