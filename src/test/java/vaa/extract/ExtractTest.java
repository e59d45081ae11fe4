package vaa.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.VaaException;
import vaa.io.Json;
import vaa.run.Run;
import vaa.run.RunStore;

class ExtractTest {
    @TempDir
    Path ws;
    Run run;

    /** Three judged calls written out of order, one structural-only, one failed, one unreadable, one temp file. */
    @BeforeEach
    void analyses() throws Exception {
        run = new RunStore(ws, Clock.systemDefaultZone(), "t").tryCreate("x").orElseThrow();
        Files.createDirectories(run.analysesDir());
        write("c", "{\"outcome\":\"resolved\",\"customer_intent\":\"  order\\n a latte \",\"summary\":\"Ordered a latte.\","
                + "\"failure_reason\":null,\"improvement_suggestion\":\"\",\"friction_points\":[],\"agent_errors\":[]}");
        write("a", "{\"outcome\":\"unresolved\",\"customer_intent\":\"check balance\",\"summary\":\"" + "word ".repeat(120) + "\","
                + "\"failure_reason\":\"Could not verify the caller.\",\"improvement_suggestion\":\"Ask for the PIN once.\","
                + "\"friction_points\":[{\"category\":\"repetition\",\"description\":\"d\",\"quote\":\"I already told you\",\"utterance_index\":3,\"quote_verified\":true},"
                + "{\"category\":\"verification\",\"description\":\"d\",\"quote\":\"what PIN\",\"utterance_index\":5,\"quote_verified\":false}],"
                + "\"agent_errors\":[{\"category\":\"no_confirmation\",\"description\":\"Did not confirm the account.\",\"utterance_index\":4}]}");
        write("b-2", "{\"outcome\":\"escalated\",\"customer_intent\":\"close account\",\"summary\":\"Asked for a human.\","
                + "\"failure_reason\":\"Policy.\",\"improvement_suggestion\":null,\"friction_points\":[],\"agent_errors\":[]}");
        Files.writeString(run.analysesDir().resolve("s.json"), "{\"schema_version\":\"1.0\",\"call_id\":\"s\",\"structural\":{},\"judgement\":null}");
        Files.writeString(run.analysesDir().resolve("f.error.json"), "{\"call_id\":\"f\",\"error\":\"boom\"}");
        Files.writeString(run.analysesDir().resolve("u.json"), "{not json");
        Files.writeString(run.analysesDir().resolve(".z.json.123.tmp"), "{}");
    }

    private void write(String id, String judgement) throws Exception {
        Files.writeString(run.analysesDir().resolve(id + ".json"), "{\"schema_version\":\"1.0\",\"call_id\":\"" + id
                + "\",\"structural\":{},\"judgement\":" + judgement + "}");
    }

    @Test
    void listsJudgedCallsByCallIdAndCountsTheRestApart() {
        NlFields f = NlFieldsExtractor.extract(run);

        assertThat(f.calls()).extracting(NlFields.CallNotes::callId).containsExactly("a", "b-2", "c");
        assertThat(f.counts()).isEqualTo(new NlFields.Counts(4, 3, 1, 1, 1));
        assertThat(f.runId()).isEqualTo("x");
    }

    @Test
    void keepsTheNaturalLanguageFieldsWithFrictionQuotesAndAgentErrors() {
        NlFields.CallNotes a = NlFieldsExtractor.extract(run).calls().get(0);

        assertThat(a.intent()).isEqualTo("check balance");
        assertThat(a.outcome()).isEqualTo("unresolved");
        assertThat(a.failureReason()).isEqualTo("Could not verify the caller.");
        assertThat(a.improvementSuggestion()).isEqualTo("Ask for the PIN once.");
        assertThat(a.friction()).containsExactly(new NlFields.FrictionQuote("repetition", "I already told you", true),
                new NlFields.FrictionQuote("verification", "what PIN", false));
        assertThat(a.agentErrors()).containsExactly(new NlFields.AgentError("no_confirmation", "Did not confirm the account."));
    }

    @Test
    void cutsLongTextsAtAWordBoundaryAndCountsThem() {
        NlFields f = NlFieldsExtractor.extract(run);
        String summary = f.calls().get(0).summary();

        assertThat(summary).hasSizeLessThanOrEqualTo(NlFieldsExtractor.MAX_CHARS.get("summary")).endsWith("word\u2026");
        assertThat(f.condensing().trimmedFields()).isEqualTo(1);
        assertThat(f.condensing().maxChars()).containsEntry("summary", 400);
    }

    @Test
    void collapsesWhitespaceAndLeavesEmptyFieldsOutOfTheFile() throws Exception {
        ExtractStage.run(run);
        JsonNode c = Json.MAPPER.readTree(NlFields.file(run).toFile()).at("/calls/2");

        assertThat(c.get("intent").asText()).isEqualTo("order a latte");
        assertThat(c.has("failure_reason")).isFalse();
        assertThat(c.has("improvement_suggestion")).isFalse();
        assertThat(c.has("friction")).isFalse();
        assertThat(c.has("agent_errors")).isFalse();
    }

    @Test
    void recordsTheNlExtractionStageWithTheJudgedCount() {
        ExtractStage.run(run);

        JsonNode stage = Json.MAPPER.valueToTree(run.status()).at("/stages/nl_extraction");
        assertThat(stage.get("status").asText()).isEqualTo("completed");
        assertThat(stage.get("count").asInt()).isEqualTo(3);
        assertThat(stage.at("/detail/structural_only_skipped").asInt()).isEqualTo(1);
        assertThat(stage.at("/detail/failed").asInt()).isEqualTo(1);
    }

    @Test
    void theFileReadsBackAsWritten() {
        NlFields written = ExtractStage.run(run);

        assertThat(NlFields.read(run)).isEqualTo(written);
    }

    @Test
    void aRunWithoutAnalysesIsAUsageErrorNamingAnalyze() {
        Run empty = new RunStore(ws, Clock.systemDefaultZone(), "t").tryCreate("e").orElseThrow();

        assertThatThrownBy(() -> ExtractStage.run(empty)).isInstanceOf(VaaException.class)
                .hasMessageContaining("vaa analyze --run-id e")
                .satisfies(e -> assertThat(((VaaException) e).exitCode()).isEqualTo(2));
        assertThat(Json.MAPPER.valueToTree(empty.status()).at("/stages/nl_extraction/status").asText())
                .as("refused input is not a failure while working (exit 1): the stage stays as it was").isEqualTo("pending");
    }

    @Test
    void cutKeepsShortTextsAndCutsLongOnesNearTheLimit() {
        assertThat(NlFieldsExtractor.cut("short", 10)).isEqualTo("short");
        assertThat(NlFieldsExtractor.cut("alpha beta gamma delta", 12)).isEqualTo("alpha beta\u2026");
        assertThat(NlFieldsExtractor.cut("x".repeat(30), 10)).isEqualTo("x".repeat(9) + "\u2026");
    }
}
