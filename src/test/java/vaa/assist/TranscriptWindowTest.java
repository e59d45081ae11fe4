package vaa.assist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptWindowTest {
    static final SpeakerLabelMap SELLER_FIRST = SpeakerLabelMap.of(true);
    static final List<Turn> TURNS = List.of(
            new Turn(1, "u0"), new Turn(2, "u1"), new Turn(1, "u2"), new Turn(1, "u3"),
            new Turn(2, ""), new Turn(2, "u5"), new Turn(1, "u6"), new Turn(2, "u7"));

    @Test
    void windowIsTheLastFiveUtterancesUpToTheStepInclusive() {
        assertThat(TranscriptWindow.upTo(TURNS, 7, SELLER_FIRST))
                .isEqualTo("Sælger:\n\nu3\n\nKunden:\n\nu5\n\nSælger:\n\nu6\n\nKunden:\n\nu7");
    }

    @Test
    void consecutiveTurnsOfOneSpeakerAreMergedWithASpace() {
        assertThat(TranscriptWindow.upTo(TURNS, 3, SELLER_FIRST))
                .isEqualTo("Sælger:\n\nu0\n\nKunden:\n\nu1\n\nSælger:\n\nu2 u3");
    }

    @Test
    void emptyTurnsAreLeftOutButStillCountTowardsTheFive() {
        // window 1..5 holds u1, u2, u3, "", u5: the empty turn takes a slot and shows nowhere
        assertThat(TranscriptWindow.upTo(TURNS, 5, SELLER_FIRST))
                .isEqualTo("Kunden:\n\nu1\n\nSælger:\n\nu2 u3\n\nKunden:\n\nu5");
    }

    @Test
    void anEmptyTurnBetweenTwoOfTheSameSpeakerDoesNotSplitThem() {
        List<Turn> turns = List.of(new Turn(1, "a"), new Turn(2, ""), new Turn(1, "b"));
        assertThat(TranscriptWindow.upTo(turns, 2, SELLER_FIRST)).isEqualTo("Sælger:\n\na b");
    }

    @Test
    void windowNearTheStartIsShorter() {
        assertThat(TranscriptWindow.upTo(TURNS, 0, SELLER_FIRST)).isEqualTo("Sælger:\n\nu0");
    }

    @Test
    void anIndexPastTheEndIsClippedToTheConversation() {
        assertThat(TranscriptWindow.upTo(TURNS, 9, SELLER_FIRST)).isEqualTo("Kunden:\n\nu5\n\nSælger:\n\nu6\n\nKunden:\n\nu7");
        assertThat(TranscriptWindow.upTo(TURNS, 20, SELLER_FIRST)).isEmpty();
    }

    @Test
    void labelsFollowTheSpeakerMapAndUnknownSpeakersAreNumbered() {
        SpeakerLabelMap customerFirst = SpeakerLabelMap.of(false);
        List<Turn> turns = List.of(new Turn(1, "hi"), new Turn(2, "hello"), new Turn(3, "who?"));
        assertThat(TranscriptWindow.upTo(turns, 2, customerFirst))
                .isEqualTo("Kunden:\n\nhi\n\nSælger:\n\nhello\n\nSpeaker 3:\n\nwho?");
        assertThat(customerFirst.describe()).isEqualTo("{1: 'Kunden', 2: 'Sælger'}");
    }
}
