package vaa.assist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vaa.assist.AssistResponse.Decision;

class AssistResponseTest {
    @Test
    void skipIsASkipWhateverTheCaseAndSpacing() {
        for (String raw : new String[] {"skip", "  SKIP  ", "Skip\n", "\n\nskip"}) {
            AssistResponse r = AssistResponse.parse(raw);
            assertThat(r.decision()).as(raw).isEqualTo(Decision.SKIP);
            assertThat(r.tag()).isNull();
            assertThat(r.body()).isEmpty();
            assertThat(r.warning()).isEmpty();
        }
    }

    @Test
    void skipWithTextAfterItOnTheSameLineIsNotASkip() {
        AssistResponse r = AssistResponse.parse("skip - nothing to add");
        assertThat(r.decision()).isEqualTo(Decision.SHOW);
        assertThat(r.tag()).isEqualTo("unknown");
    }

    @Test
    void showTakesTheTagFromTheFirstLineAndTheTrimmedRestAsBody() {
        AssistResponse r = AssistResponse.parse("show|objection_price\n  Anerkend prisen.\nSpørg hvad de betaler i dag.  \n");
        assertThat(r.decision()).isEqualTo(Decision.SHOW);
        assertThat(r.tag()).isEqualTo("objection_price");
        assertThat(r.body()).isEqualTo("Anerkend prisen.\nSpørg hvad de betaler i dag.");
        assertThat(r.decisionLine()).isEqualTo("show|objection_price");
        assertThat(r.warning()).isEmpty();
    }

    @Test
    void showTagIsLowerCasedAndEndsAtTheFirstNonWordCharacter() {
        AssistResponse r = AssistResponse.parse("SHOW|Closing_Opportunity (high)\nLuk nu.");
        assertThat(r.tag()).isEqualTo("closing_opportunity");
        assertThat(r.body()).isEqualTo("Luk nu.");
    }

    @Test
    void showWithoutABodyHasAnEmptyBody() {
        AssistResponse r = AssistResponse.parse("show|need_discovery");
        assertThat(r.decision()).isEqualTo(Decision.SHOW);
        assertThat(r.tag()).isEqualTo("need_discovery");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void thinkBlocksAreRemovedBeforeParsing() {
        AssistResponse r = AssistResponse.parse("<think>\nThe customer says it is expensive.\nShow.\n</think>\nshow|objection_price\nAnerkend prisen.");
        assertThat(r.tag()).isEqualTo("objection_price");
        assertThat(r.body()).isEqualTo("Anerkend prisen.");

        assertThat(AssistResponse.parse("<think>a</think><think>b</think> skip").decision()).isEqualTo(Decision.SKIP);
    }

    @Test
    void anythingElseIsShowUnknownWithTheWholeTextAndAWarning() {
        String raw = "<think>hmm</think>\nYou should ask about their current electricity bill because it is the key.\nMore.";
        AssistResponse r = AssistResponse.parse(raw);
        assertThat(r.decision()).isEqualTo(Decision.SHOW);
        assertThat(r.tag()).isEqualTo("unknown");
        assertThat(r.body()).isEqualTo("You should ask about their current electricity bill because it is the key.\nMore.");
        assertThat(r.warning()).contains("Unexpected first line format: "
                + "'You should ask about their current electricity bill because ' — treating as show|unknown");
    }

    @Test
    void anAnswerThatIsOnlyThinkingIsShowUnknownWithAnEmptyBody() {
        AssistResponse r = AssistResponse.parse("<think>nothing to say</think>");
        assertThat(r.tag()).isEqualTo("unknown");
        assertThat(r.body()).isEmpty();
        assertThat(r.warning()).contains("Unexpected first line format: '' — treating as show|unknown");
    }

    @Test
    void anUnclosedThinkBlockIsNotRemoved() {
        AssistResponse r = AssistResponse.parse("<think>still thinking\nskip");
        assertThat(r.tag()).isEqualTo("unknown");
        assertThat(r.body()).isEqualTo("<think>still thinking\nskip");
    }
}
