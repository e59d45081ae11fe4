package vaa.ask;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the model is shown for one question: the run's metrics and the notes of the calls that fit
 * the token budget, in rank order. {@code dropped} are retrieved calls left out for the budget.
 */
public record AskContext(MetricsSummary metrics, List<Call> calls, List<String> dropped, int estimatedTokens) {
    public AskContext {
        calls = List.copyOf(calls);
        dropped = List.copyOf(dropped);
    }

    /** One call as shown: its card, BM25 score, the transcript lines chosen for the question, and the rendered block. */
    public record Call(CallCard card, float score, List<CallCard.Line> lines, String block) {
        public Call {
            lines = List.copyOf(lines);
        }
    }

    /** The ids the model was shown: the only ones it may cite. */
    public Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        calls.forEach(c -> ids.add(c.card().callId()));
        return ids;
    }

    public String callsText() {
        if (calls.isEmpty()) {
            return "(no call matched the words of the question)";
        }
        StringBuilder b = new StringBuilder();
        for (Call c : calls) {
            b.append(c.block()).append('\n');
        }
        return b.toString().strip();
    }
}
