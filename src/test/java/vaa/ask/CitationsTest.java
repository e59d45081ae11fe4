package vaa.ask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CitationsTest {
    static final Set<String> CONTEXT = Set.of("dlg-06f7fab2-c901", "0317f95f3d7441c5", "call_0000001");
    static final Set<String> RUN = Set.of("dlg-06f7fab2-c901", "0317f95f3d7441c5", "call_0000001", "call_0000002");

    CitationCheck check(String answer) {
        return Citations.check(answer, CONTEXT, RUN::contains);
    }

    @Test
    void idsInTheContextAreValid() {
        CitationCheck c = check("Most failures are misheard orders [dlg-06f7fab2-c901] [0317f95f3d7441c5], again [dlg-06f7fab2-c901].");
        assertThat(c.cited()).containsExactly("dlg-06f7fab2-c901", "0317f95f3d7441c5");
        assertThat(c.flagged()).isEmpty();
        assertThat(c.valid()).containsExactly("dlg-06f7fab2-c901", "0317f95f3d7441c5");
    }

    @Test
    void idsNotInTheContextAreFlaggedWithWhy() {
        CitationCheck c = check("See [call_0000001], [call_0000002] and [call_9999999].");
        assertThat(c.cited()).as("only calls of this run are cited ids").containsExactly("call_0000001", "call_0000002");
        assertThat(c.flagged()).containsExactly(
                new CitationCheck.Flag("call_0000002", CitationCheck.NOT_SHOWN),
                new CitationCheck.Flag("call_9999999", CitationCheck.UNKNOWN));
        assertThat(c.valid()).containsExactly("call_0000001");
    }

    @Test
    void listsInOneBracketAndBacktickedIdsCount() {
        CitationCheck c = check("Two calls [0317f95f3d7441c5, call_0000001; `dlg-06f7fab2-c901`].");
        assertThat(c.cited()).containsExactly("0317f95f3d7441c5", "call_0000001", "dlg-06f7fab2-c901");
        assertThat(c.flagged()).isEmpty();
    }

    @Test
    void proseInBracketsAndMarkdownLinksAreNotCitations() {
        CitationCheck c = check("As noted [see above], the [docs](https://example.com) say so [a, b c]. [\n0317f95f3d7441c5]");
        assertThat(c.cited()).isEmpty();
    }

    @Test
    void aPlaceholderTheModelWroteIsFlaggedAndNeverACitedId() {
        CitationCheck c = check("Callers wait too long [call_id] [0317f95f3d7441c5].");
        assertThat(c.cited()).containsExactly("0317f95f3d7441c5");
        assertThat(c.flagged()).containsExactly(new CitationCheck.Flag("call_id", CitationCheck.UNKNOWN));
    }

    @Test
    void aNumberedReferenceIsFlaggedBecauseOnlyCallIdsBelongInBrackets() {
        assertThat(check("As shown in [1].").flagged()).containsExactly(new CitationCheck.Flag("1", CitationCheck.UNKNOWN));
    }
}
