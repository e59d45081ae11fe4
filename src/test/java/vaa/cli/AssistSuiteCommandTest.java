package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.assist.AssistFixtures;
import vaa.assist.SuiteFixtures;
import vaa.io.Json;
import vaa.testing.Cli;

/** {@code vaa assist --all / --states} over the demo campaign, {@code vaa assist list} and {@code compare}, against a local model. */
class AssistSuiteCommandTest {
    @TempDir
    Path ws;

    MockWebServer server;
    final List<String> steps = new CopyOnWriteArrayList<>();
    volatile Function<JsonNode, String> answers = request -> "skip";

    @BeforeEach
    void start() throws IOException {
        server = SuiteFixtures.modelServer(ws, body -> {
            steps.add(SuiteFixtures.step(body));
            return AssistFixtures.sse(answers.apply(body));
        });
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    Cli.Result vaa(String... args) {
        return Cli.in(ws).run(args);
    }

    static final String[] SUITE = {"assist", "--all", "--model", "local", "--yes", "--delay", "0"};

    static String[] with(String[] base, String... more) {
        String[] out = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }

    JsonNode summary(String suite) throws IOException {
        return Json.MAPPER.readTree(Files.readString(ws.resolve("experiments/" + suite + "/summary.json")));
    }

    @Test
    void aSuiteReplaysEveryConversationOfTheDemoCampaignAndSummarisesThem() throws Exception {
        answers = SuiteFixtures.answers(Map.of("A2", "show|order_correction\nConfirm the decaf before you ring it up.",
                "B3", "show|upsell\nOffer the sugar free syrup too."));

        Cli.Result r = vaa(with(SUITE, "--run-name", "demo", "--workers", "2"));

        assertThat(r.code()).as(r.all()).isZero();
        assertThat(steps).as("every step asked once").hasSize(SuiteFixtures.STEPS).doesNotHaveDuplicates();
        assertThat(r.out()).contains("[ok] Loaded 2 conversations (7 steps)", "  Suite Summary\n", "  Conversations: 2 (7 steps)",
                "  Workers:       2 conversations at once", "[ok] Saving results to experiments/demo/",
                "· 3 steps · shown 1 (33%), skipped 2", "· 4 steps · shown 1 (25%), skipped 3", "  Suite Complete\n",
                "  Conversations: 2 of 2 finished", "  Shown:         2 (28% of answered)",
                "  Tags:          order_correction=1, upsell=1", "  Summary:       experiments/demo/summary.md");

        assertThat(Files.readString(ws.resolve("experiments/demo/" + SuiteFixtures.A + ".txt")))
                .contains("  Run:          demo/" + SuiteFixtures.A + "\n", "── Output ──\nConfirm the decaf before you ring it up.\n",
                        "  SUMMARY\n");
        assertThat(Files.readAllLines(ws.resolve("experiments/demo/" + SuiteFixtures.B + ".jsonl"))).hasSize(4);

        JsonNode s = summary("demo");
        assertThat(s.get("status").asText()).isEqualTo("complete");
        assertThat(s.at("/prompt/name").asText()).isEqualTo("elg_b2c_objection_assist");
        assertThat(s.at("/model/key").asText()).isEqualTo("local");
        JsonNode overall = s.get("overall");
        assertThat(overall.get("conversations").asInt()).isEqualTo(2);
        assertThat(overall.get("steps").asInt()).isEqualTo(7);
        assertThat(overall.get("shown").asInt()).isEqualTo(2);
        assertThat(overall.get("skipped").asInt()).isEqualTo(5);
        assertThat(overall.get("show_share").asDouble()).isEqualTo(0.2857);
        assertThat(overall.at("/tags/upsell").asInt()).isEqualTo(1);
        assertThat(overall.at("/ttft_ms/p50").isNumber()).isTrue();
        assertThat(overall.at("/e2e_ms/p95").asDouble()).isGreaterThanOrEqualTo(overall.at("/ttft_ms/p95").asDouble());
        assertThat(s.get("conversations")).hasSize(2);
        assertThat(s.at("/conversations/0/name").asText()).isEqualTo(SuiteFixtures.A);
        assertThat(s.at("/conversations/0/totals/shown").asInt()).isEqualTo(1);
        assertThat(s.at("/conversations/1/status").asText()).isEqualTo("finished");
        assertThat(Files.readString(ws.resolve("experiments/demo/summary.md")))
                .contains("# Assist suite demo", "| steps | answered | shown | skipped | failed | TTFT | E2E |",
                        "| 7 | 7 | 28.6% (2/7) | 71.4% (5/7) | 0 |", "| " + SuiteFixtures.A + " | finished | 3/3 | 33.3% (1/3) |");
    }

    /** Timings and the run name are the only things that differ between two replays of one conversation. */
    static String comparable(String log) {
        return log.replaceAll("\\d+ms", "Nms").replaceAll("(?m)^  Run: .*$", "  Run: X");
    }

    static List<JsonNode> comparableRecords(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            ObjectNode o = (ObjectNode) Json.MAPPER.readTree(line);
            o.remove(List.of("run", "ttft_ms", "e2e_ms"));
            out.add(o);
        }
        return out;
    }

    @Test
    void eachConversationOfASuiteKeepsTheLogAndRecordsOfASingleReplay() throws Exception {
        answers = SuiteFixtures.answers(Map.of("B2", "show|upsell\nOffer a syrup."));
        assertThat(vaa("assist", "--state", SuiteFixtures.STATE_B, "--model", "local", "--yes", "--delay", "0",
                "--run-name", "single").code()).isZero();
        assertThat(vaa(with(SUITE, "--run-name", "suite")).code()).isZero();

        String single = Files.readString(ws.resolve("experiments/single.txt"));
        String member = Files.readString(ws.resolve("experiments/suite/" + SuiteFixtures.B + ".txt"));
        assertThat(comparable(member)).isEqualTo(comparable(single));
        assertThat(comparableRecords(ws.resolve("experiments/suite/" + SuiteFixtures.B + ".jsonl")))
                .isEqualTo(comparableRecords(ws.resolve("experiments/single.jsonl")));
    }

    @Test
    void statesGlobsChooseTheConversationsAndAnUnreadableStateFileIsSkippedNotTheSuite() throws Exception {
        AssistFixtures.write(ws.resolve(SuiteFixtures.CAMPAIGN + "/state_experiments/broken.state.json"), "{\"steps\": [");

        Cli.Result r = vaa("assist", "--states", SuiteFixtures.CAMPAIGN + "/state_experiments/*.state.json",
                "--model", "local", "--yes", "--delay", "0", "--run-name", "globbed");

        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("[warn] Skipping " + SuiteFixtures.CAMPAIGN + "/state_experiments/broken.state.json: ",
                "[ok] Loaded 2 conversations (7 steps); 1 skipped", "1 state file(s) skipped");
        JsonNode s = summary("globbed");
        assertThat(s.at("/skipped_state_files/0/state").asText()).endsWith("broken.state.json");
        assertThat(s.at("/skipped_state_files/0/reason").asText()).contains("is not valid JSON");
        assertThat(s.at("/overall/finished").asInt()).isEqualTo(2);
        assertThat(Files.readString(ws.resolve("experiments/globbed/summary.md"))).contains("## State files skipped");

        Cli.Result one = vaa("assist", "--states", "**/" + SuiteFixtures.A + "*", "--model", "local", "--yes", "--delay", "0",
                "--run-name", "just_a");
        assertThat(one.code()).as(one.all()).isZero();
        assertThat(summary("just_a").get("conversations")).hasSize(1);
    }

    @Test
    void suiteChoicesThatCannotWorkAreUsageErrorsBeforeAnythingIsAsked() {
        assertThat(vaa("assist", "--states", "nowhere/*.state.json", "--yes").err()).contains("matches no .state.json file");
        assertThat(vaa("assist", "--all", "--states", "x", "--yes").code()).isEqualTo(2);
        assertThat(vaa("assist", "--all", "--workers", "0", "--yes").err()).contains("--workers must be at least 1");
        Cli.Result resume = vaa("assist", "--resume", "nope", "--model", "local");
        assertThat(resume.code()).isEqualTo(2);
        assertThat(resume.err()).contains("--resume continues a suite with its own prompt, model, conversations and options; drop --model");
        assertThat(vaa("assist", "--resume", "nope").err()).contains("No suite named \"nope\"");
        assertThat(vaa("assist", "--all", "--model", "local").err()).as("not interactive: --yes is needed")
                .contains("missing --yes");
        assertThat(steps).isEmpty();
    }

    @Test
    void aFinishedSuiteResumedReplaysNothing() throws Exception {
        assertThat(vaa(with(SUITE, "--run-name", "done")).code()).isZero();
        String log = Files.readString(ws.resolve("experiments/done/" + SuiteFixtures.A + ".txt"));
        steps.clear();

        Cli.Result again = vaa("assist", "--resume", "done");

        assertThat(again.code()).as(again.all()).isZero();
        assertThat(steps).isEmpty();
        assertThat(again.out()).contains("[info] Resuming suite done", "2 of 2 conversations were finished before; not replayed",
                "  Suite Complete");
        assertThat(Files.readString(ws.resolve("experiments/done/" + SuiteFixtures.A + ".txt"))).isEqualTo(log);
        assertThat(vaa(with(SUITE, "--run-name", "done")).err()).as("a suite is continued, never started again under its name")
                .contains("A suite named \"done\" exists already in experiments/ (to continue it: vaa assist --resume done) (--run-name)");
    }

    @Test
    void listShowsPastExperimentsAndSuites() throws Exception {
        answers = SuiteFixtures.answers(Map.of("A2", "show|order_correction\nConfirm."));
        assertThat(vaa(with(SUITE, "--run-name", "suite_one")).code()).isZero();
        assertThat(vaa("assist", "--state", SuiteFixtures.STATE_A, "--model", "local", "--yes", "--delay", "0",
                "--run-name", "single_a").code()).isZero();

        Cli.Result r = vaa("assist", "list");

        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("NAME", "PROMPT", "MODEL", "CONVERSATIONS", "SHOW RATE", "WHEN")
                .containsPattern("suite_one\\s+suite\\s+elg_b2c_objection_assist v1\\s+Local Test \\(Mock\\)\\s+2\\s+14\\.3% \\(1/7\\)")
                .containsPattern("single_a\\s+experiment\\s+elg_b2c_objection_assist v1\\s+Local Test \\(Mock\\)\\s+1\\s+33\\.3% \\(1/3\\)");
        JsonNode json = Json.MAPPER.readTree(vaa("assist", "list", "--json").out());
        assertThat(json).hasSize(2);
        assertThat(json.findValuesAsText("name")).containsExactlyInAnyOrder("suite_one", "single_a");
        assertThat(json.findValuesAsText("kind")).containsExactlyInAnyOrder("suite", "experiment");
    }

    @Test
    void helpNamesTheSuiteFlagsAndTheSubcommands() {
        Cli.Result r = vaa("assist", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--all", "--states=GLOB", "--workers=W", "--resume=SUITE", "compare", "list");
    }
}
