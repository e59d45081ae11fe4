package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
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

/** {@code vaa assist compare} on two suites of the demo campaign whose decisions differ on known steps. */
class AssistCompareCommandTest {
    /** "Version 6": shows at A2 and B3. */
    static final Map<String, String> V6 = Map.of("A2", "show|order_correction\nConfirm the decaf first.",
            "B3", "show|upsell\nOffer the sugar free syrup.");
    /** "Version 7": another tag at A2 (tag changed), shows at B2 (skip → show), skips B3 (show → skip). */
    static final Map<String, String> V7 = Map.of("A2", "show|order_fix\nRepeat the order back.",
            "B2", "show|upsell\nMention the syrups.");

    @TempDir
    Path ws;

    MockWebServer server;
    volatile Function<JsonNode, String> answers;

    @BeforeEach
    void twoSuites() throws IOException {
        server = SuiteFixtures.modelServer(ws, body -> AssistFixtures.sse(answers.apply(body)));
        answers = SuiteFixtures.answers(V6);
        assertThat(vaa("assist", "--all", "--model", "local", "--yes", "--delay", "0", "--run-name", "v6").code()).isZero();
        answers = SuiteFixtures.answers(V7);
        assertThat(vaa("assist", "--all", "--model", "local", "--yes", "--delay", "0", "--run-name", "v7").code()).isZero();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    Cli.Result vaa(String... args) {
        return Cli.in(ws).run(args);
    }

    @Test
    void jsonCountsTheDifferingStepsPerConversationAndOverallAndListsEachWithItsTranscript() throws Exception {
        Cli.Result r = vaa("assist", "compare", "v6", "v7", "--json");

        assertThat(r.code()).as(r.all()).isZero();
        JsonNode c = Json.MAPPER.readTree(r.out());
        assertThat(c.at("/a/name").asText()).isEqualTo("v6");
        assertThat(c.at("/b/kind").asText()).isEqualTo("suite");
        assertThat(c.at("/overall/compared_steps").asInt()).isEqualTo(7);
        assertThat(c.at("/overall/differing_steps/count").asInt()).isEqualTo(3);
        assertThat(c.at("/overall/differing_steps/share").asDouble()).isEqualTo(0.4286);
        assertThat(c.at("/overall/changes/skip_to_show").asInt()).isEqualTo(1);
        assertThat(c.at("/overall/changes/show_to_skip").asInt()).isEqualTo(1);
        assertThat(c.at("/overall/changes/tag_changed").asInt()).isEqualTo(1);
        assertThat(c.at("/overall/show_rate/a/count").asInt()).isEqualTo(2);
        assertThat(c.at("/overall/show_rate/b/count").asInt()).isEqualTo(2);
        assertThat(c.at("/overall/show_rate/test/significant").asBoolean()).isFalse();
        assertThat(c.at("/overall/tags").findValuesAsText("tag")).containsExactlyInAnyOrder("upsell", "order_correction", "order_fix");
        assertThat(c.at("/overall/ttft_ms/a/p50").isNumber()).isTrue();

        assertThat(c.at("/conversations/0/conversation").asText()).isEqualTo(SuiteFixtures.A + ".json");
        assertThat(c.at("/conversations/0/differing_steps/count").asInt()).isEqualTo(1);
        assertThat(c.at("/conversations/0/differing_steps/share").asDouble()).isEqualTo(0.3333);
        assertThat(c.at("/conversations/1/differing_steps/count").asInt()).isEqualTo(2);
        assertThat(c.at("/conversations/1/differing_steps/share").asDouble()).isEqualTo(0.5);

        JsonNode d = c.get("differences");
        assertThat(d).hasSize(3);
        assertThat(d.get(0).get("step").asInt()).isEqualTo(2);
        assertThat(d.get(0).get("change").asText()).isEqualTo("tag_changed");
        assertThat(d.get(0).get("transcript").asText()).contains("I'm James, and I want a mocha.", "No. I want it in decaf.");
        assertThat(d.get(0).at("/a/tag").asText()).isEqualTo("order_correction");
        assertThat(d.get(0).at("/a/body").asText()).isEqualTo("Confirm the decaf first.");
        assertThat(d.get(0).at("/b/tag").asText()).isEqualTo("order_fix");
        assertThat(d.get(1).get("change").asText()).isEqualTo("skip_to_show");
        assertThat(d.get(1).at("/a/decision").asText()).isEqualTo("skip");
        assertThat(d.get(2).get("change").asText()).isEqualTo("show_to_skip");
        assertThat(d.get(2).get("phase").asText()).isEqualTo("customisation");
    }

    @Test
    void theTextShowsBothSidesTheRatesAndTheDifferingStepsUpToTheLimit() {
        Cli.Result r = vaa("assist", "compare", "v6", "v7", "--limit", "1", "--no-color");

        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("A  v6  suite, prompt elg_b2c_objection_assist v1, model Local Test (Mock), 2 conversations",
                        "steps that differ 3 of 7 (42.9%) · skip → show 1, show → skip 1, other tag 1",
                        "show rate (of answered steps)", "28.6% (2/7)", "tag upsell (of shown)",
                        "Steps that differ (3)", "step 2 · utterance 2 · phase order_taking  other tag",
                        "  A: show|order_correction\n     Confirm the decaf first.\n  B: show|order_fix\n     Repeat the order back.",
                        "… and 2 more")
                .containsPattern(SuiteFixtures.B + "\\.json\\s+2 of 4 \\(50\\.0%\\)");
    }

    @Test
    void markdownRendersTheSameForSharing() {
        Cli.Result r = vaa("assist", "compare", "v6", "v7", "--markdown");

        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).startsWith("# Assist comparison: v6 vs v7\n")
                .contains("| prompt | elg_b2c_objection_assist v1 | elg_b2c_objection_assist v1 |",
                        "**Steps that differ: 3 of 7 (42.9%)**", "| show rate (of answered steps) | 28.6% (2/7) | 28.6% (2/7) | +0.0 pp ~ |",
                        "## Per conversation", "## Steps that differ (3 of 3)",
                        "### " + SuiteFixtures.B + ".json · step 2 (utterance 2, phase order_taking): skip → show",
                        "> Uh, what kind of sweeteners do you have?", "**B**: `show|upsell`\n\n> Mention the syrups.");
        assertThat(vaa("assist", "compare", "v6", "v7", "--markdown", "--json").code()).isEqualTo(2);
    }

    @Test
    void twoSingleExperimentsCompareAsOneConversationAndUnknownNamesAreUsageErrors() throws Exception {
        answers = SuiteFixtures.answers(V6);
        assertThat(vaa("assist", "--state", SuiteFixtures.STATE_B, "--model", "local", "--yes", "--delay", "0", "--run-name", "one").code()).isZero();

        JsonNode c = Json.MAPPER.readTree(vaa("assist", "compare", "one", "v7", "--json").out());
        assertThat(c.at("/a/kind").asText()).isEqualTo("experiment");
        assertThat(c.get("conversations")).hasSize(1);
        assertThat(c.at("/overall/differing_steps/count").asInt()).isEqualTo(2);
        assertThat(c.get("only_in_b")).singleElement().extracting(JsonNode::asText).isEqualTo(SuiteFixtures.A + ".json");

        Cli.Result missing = vaa("assist", "compare", "v6", "nope");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("No experiment or suite named \"nope\"");
    }
}
