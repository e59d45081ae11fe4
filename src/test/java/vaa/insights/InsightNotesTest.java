package vaa.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import vaa.extract.NlFields;
import vaa.io.Json;

class InsightNotesTest {
    @Test
    void aCallNoteLeadsWithTheIdAndFlagsUnverifiedQuotes() {
        NlFields.CallNotes c = new NlFields.CallNotes("call-7", "order a latte", "unresolved", "Wanted a latte.", "Misheard the size.",
                "Read it back.", List.of(new NlFields.FrictionQuote("repetition", "I said large", false)),
                List.of(new NlFields.AgentError("no_confirmation", "Did not confirm.")));

        assertThat(InsightNotes.callNote(c)).isEqualTo("""
                - call call-7 | outcome: unresolved | intent: order a latte
                  summary: Wanted a latte.
                  failure: Misheard the size.
                  friction: [repetition] "I said large" (quote not found in transcript)
                  agent error: [no_confirmation] Did not confirm.
                  suggestion: Read it back.
                """);
    }

    @Test
    void aThemeNoteCarriesItsCountAndIdsForTheMerge() {
        InsightTheme t = new InsightTheme("Unconfirmed orders", "They repeat.", 2, List.of("a", "b"), List.of("Confirm."), null);

        assertThat(InsightNotes.themeNote(t)).isEqualTo("""
                - theme: Unconfirmed orders | calls: 2
                  explanation: They repeat.
                  call ids: a, b
                  recommendation: Confirm.
                """);
    }

    @Test
    void theMetricsDigestKeepsHeadlineFiguresAndDropsExamplesAndHistograms() throws Exception {
        JsonNode metrics = Json.MAPPER.readTree("""
                {"calls": {"analyses": 3, "with_judgement": 2},
                 "outcomes": {"n": 2, "distribution": [{"outcome": "resolved", "count": 1, "n": 2, "share": 0.5, "ci95": [0.1, 0.9]}]},
                 "task_completion": {"count": 1, "n": 2, "share": 0.5},
                 "friction": {"categories": [{"category": "repetition", "count": 3, "calls": 2, "example_call_ids": ["secret-id"]}]},
                 "structural": {"agent_response_latency_s": {"n": 4, "p50": 1.0, "p95": 3.0, "histogram": [{"from": 0}]}}}
                """);

        String digest = InsightNotes.metricsDigest(metrics);

        assertThat(digest).contains("\"resolved\":{\"count\":1,\"n\":2,\"share\":0.5}", "repetition: 3 in 2 calls", "\"p95\":3.0")
                .doesNotContain("secret-id", "histogram", "ci95");
        assertThat(Json.MAPPER.readTree(digest).at("/escalation_requested/count").isNull()).isTrue();
    }
}
