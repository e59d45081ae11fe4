package vaa.ask;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.io.MessageSink;
import vaa.run.Run;

/** BM25 over the fixed set of {@link AskFixtures#standard}: the obviously relevant calls come first. */
class RetrievalTest {
    @TempDir
    Path ws;

    CallIndex index;

    @BeforeEach
    void build() {
        Run run = AskFixtures.standard(ws, "r");
        index = CallIndex.open(run, MessageSink.NONE);
        assertThat(index.refresh().documents()).isEqualTo(11);
    }

    @AfterEach
    void close() {
        index.close();
    }

    List<String> top(String question, int k) {
        return index.search(QueryTerms.of(index.analyzer(), question), k).stream().map(CallIndex.Hit::callId).toList();
    }

    @Test
    void escalationsComeFirstForAQuestionAboutEscalation() {
        assertThat(top("Which calls were escalated to a human or a supervisor?", 2)).containsExactlyInAnyOrder("esc-supervisor", "esc-human");
        assertThat(top("escalation", 2)).containsExactlyInAnyOrder("esc-supervisor", "esc-human");
    }

    @Test
    void aGenericFailureQuestionFindsExactlyTheCallsThatDidNotEndResolved() {
        assertThat(top("Why do calls fail?", 6)).containsExactlyInAnyOrderElementsOf(AskFixtures.NOT_RESOLVED);
        assertThat(top("Why do calls fail?", 20)).hasSize(6).doesNotContain("balance-ok", "refund-ok");
    }

    @Test
    void topicQuestionsFindTheirCalls() {
        assertThat(top("What goes wrong with password resets?", 1)).containsExactly("pwd-reset");
        assertThat(top("Why did refunds go wrong?", 2)).containsExactlyInAnyOrder("refund-fail", "refund-ok");
        assertThat(top("Where do customers wait too long?", 1)).containsExactly("wait-long");
        assertThat(top("Where did customers have to repeat themselves?", 1)).containsExactly("repeat-order");
        assertThat(top("frustrated customers", 1)).containsExactly("esc-supervisor");
    }

    @Test
    void transcriptsAreSearchedTooIncludingCallsWithoutAJudgement() {
        assertThat(top("flat white", 3)).containsExactlyInAnyOrder("repeat-order", "unjudged");
        assertThat(top("parcel", 1)).containsExactly("wait-long");
    }

    @Test
    void questionWordsAndDomainWordsMatchNothingOnTheirOwn() {
        assertThat(QueryTerms.of(index.analyzer(), "Why do the calls of the customers and agents...?")).isEmpty();
        assertThat(top("xylophone", 5)).isEmpty();
    }

    @Test
    void quotesAreTheTranscriptLinesSharingTheQuestionsRarestWords() {
        CallCard pwd = index.search(Set.of("password"), 1).get(0).card();
        QuoteFinder finder = new QuoteFinder(index.analyzer(), index::transcriptIdf);
        Set<String> terms = QueryTerms.of(index.analyzer(), "did the text message with the code arrive?");
        assertThat(finder.lines(pwd, terms, 2)).extracting(CallCard.Line::text).containsExactly("I sent you a code by text message");
        // the friction quote "I never got the code" is in the context already, so it is not picked again
        assertThat(finder.lines(pwd, QueryTerms.of(index.analyzer(), "never got the code"), 2)).extracting(CallCard.Line::index)
                .doesNotContain(3);
    }
}
