package vaa.ask;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The one analyzer of the ask index, for documents, questions and quote matching alike, so a
 * question's words meet the documents' words in the same form. English: stop words dropped and
 * words stemmed ("escalated" and "escalation" meet); other languages are still tokenized, only not stemmed.
 */
final class QueryTerms {
    /** More words than any question has; keeps a pasted wall of text from building a huge query. */
    static final int MAX_TERMS = 64;

    /**
     * Beyond English stop words: the words every question is phrased with ("why do", "how many") and
     * the words every call of this domain contains ("call", "customer", "agent"). Left in, they match
     * every document a little, and a resolved call outranks a failed one for "why do calls fail?".
     */
    static final List<String> EXTRA_STOP_WORDS = List.of(
            "what", "why", "how", "which", "who", "whom", "whose", "when", "where", "do", "does", "did", "doing", "done",
            "can", "could", "would", "should", "i", "me", "my", "we", "our", "you", "your", "he", "she", "his", "her",
            "them", "have", "has", "had", "been", "being", "about", "from", "so", "than", "too", "very", "just", "any",
            "all", "some", "most", "many", "much", "more", "often", "show", "tell", "give", "list", "find", "explain",
            "call", "calls", "called", "calling", "caller", "callers", "customer", "customers", "agent", "agents");

    private QueryTerms() {}

    static Analyzer analyzer() {
        CharArraySet stop = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        stop.addAll(EXTRA_STOP_WORDS);
        return new EnglishAnalyzer(stop);
    }

    /** The distinct analyzed terms of {@code text}, in order of first appearance. */
    static Set<String> of(Analyzer analyzer, String text) {
        Set<String> terms = new LinkedHashSet<>();
        // underscores join words for the tokenizer; categories like "long_wait" should match "wait"
        try (TokenStream ts = analyzer.tokenStream(CallIndex.NOTES, text.replace('_', ' '))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && terms.size() < MAX_TERMS) {
                terms.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a string cannot fail", e);
        }
        return terms;
    }
}
