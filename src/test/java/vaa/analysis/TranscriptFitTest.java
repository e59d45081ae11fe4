package vaa.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TranscriptFitTest {
    private static List<String> lines(int n, int textChars) {
        List<String> out = new ArrayList<>();
        IntStream.range(0, n).forEach(i -> out.add("[" + i + "] CUSTOMER: " + "x".repeat(textChars) + "\n"));
        return out;
    }

    @Test
    void aTranscriptThatFitsIsSentWholeAndNothingIsRecorded() {
        TranscriptFit.Fitted f = TranscriptFit.fit(lines(10, 20), 10_000, 0, 0);
        assertThat(f.truncation()).isNull();
        assertThat(f.text()).isEqualTo(String.join("", lines(10, 20)));
    }

    @Test
    void theStartAndEndAreKeptWithTheirNumbersAndOneLineSaysWhichUtterancesWereLeftOut() {
        List<String> all = lines(1_000, 80);
        TranscriptFit.Fitted f = TranscriptFit.fit(all, 10_000, 30_000, 8_000);

        assertThat(f.text().length()).isLessThanOrEqualTo(10_000);
        assertThat(f.text()).startsWith("[0] CUSTOMER: ").contains("[999] CUSTOMER: ").endsWith("\n");
        Provenance.Truncation t = f.truncation();
        assertThat(t.utterances()).isEqualTo(1_000);
        assertThat(t.omitted()).isGreaterThan(800);
        assertThat(f.text()).contains("[… utterances " + t.omittedFrom() + "–" + t.omittedTo() + " (" + String.format("%,d", t.omitted())
                + " of 1,000) left out to fit the model's context window …]");
        assertThat(f.text()).contains("[" + (t.omittedFrom() - 1) + "] ").doesNotContain("[" + t.omittedFrom() + "] ")
                .doesNotContain("[" + t.omittedTo() + "] ").contains("[" + (t.omittedTo() + 1) + "] ");
        assertThat(t.omittedTo() - t.omittedFrom() + 1).isEqualTo(t.omitted());
        assertThat(t.cut()).isEmpty();
        assertThat(t.estimatedTokens()).isEqualTo(30_000);
        assertThat(t.contextWindow()).isEqualTo(8_000);
    }

    @Test
    void aSingleHugeUtteranceKeepsItsBeginningAndSaysItWasCut() {
        List<String> all = List.of("[0] AGENT: Hello\n", "[1] CUSTOMER: " + "word ".repeat(100_000) + "\n", "[2] AGENT: Bye\n");
        TranscriptFit.Fitted f = TranscriptFit.fit(all, 5_000, 0, 0);

        assertThat(f.text().length()).isLessThanOrEqualTo(5_000);
        assertThat(f.text()).startsWith("[0] AGENT: Hello\n").contains("[1] CUSTOMER: word word")
                .contains("[… cut to fit the model's context window]").endsWith("[2] AGENT: Bye\n");
        assertThat(f.truncation().cut()).containsExactly(1);
        assertThat(f.truncation().omitted()).isZero();
        assertThat(f.truncation().omittedFrom()).isNull();
    }

    @Test
    void aFirstUtteranceOverHalfTheRoomIsCutAndTheRestFillsWhatIsLeft() {
        List<String> all = new ArrayList<>(List.of("[0] CUSTOMER: " + "a".repeat(50_000) + "\n"));
        all.addAll(lines(50, 40).subList(1, 50));
        TranscriptFit.Fitted f = TranscriptFit.fit(all, 4_000, 0, 0);

        assertThat(f.text().length()).isLessThanOrEqualTo(4_000);
        assertThat(f.truncation().cut()).containsExactly(0);
        assertThat(f.text()).contains("[49] CUSTOMER");
    }
}
