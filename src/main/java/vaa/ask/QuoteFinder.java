package vaa.ask;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.apache.lucene.analysis.Analyzer;

/**
 * Picks the transcript lines of a call that best match a question: each line scores the summed
 * inverse document frequency of the question's terms it contains, so a line sharing one rare word
 * beats one sharing two that every call says. Lines the judge already quoted as friction are
 * skipped: they are in the context anyway.
 */
final class QuoteFinder {
    private final Analyzer analyzer;
    private final ToDoubleFunction<String> idf;

    QuoteFinder(Analyzer analyzer, ToDoubleFunction<String> idf) {
        this.analyzer = analyzer;
        this.idf = idf;
    }

    /** At most {@code max} lines with a positive score, in transcript order. */
    List<CallCard.Line> lines(CallCard card, Set<String> questionTerms, int max) {
        if (questionTerms.isEmpty() || max <= 0) {
            return List.of();
        }
        Set<Integer> quoted = new HashSet<>();
        card.friction().forEach(f -> {
            if (f.utteranceIndex() != null) {
                quoted.add(f.utteranceIndex());
            }
        });
        record Scored(CallCard.Line line, double score) {}
        List<Scored> scored = new ArrayList<>();
        for (CallCard.Line line : card.lines()) {
            if (quoted.contains(line.index())) {
                continue;
            }
            double s = 0;
            for (String t : QueryTerms.of(analyzer, line.text())) {
                if (questionTerms.contains(t)) {
                    s += idf.applyAsDouble(t);
                }
            }
            if (s > 0) {
                scored.add(new Scored(line, s));
            }
        }
        return scored.stream()
                .sorted(Comparator.comparingDouble(Scored::score).reversed().thenComparing(x -> x.line().index()))
                .limit(max)
                .map(Scored::line)
                .sorted(Comparator.comparingInt(CallCard.Line::index))
                .toList();
    }
}
