package vaa.ask;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import vaa.llm.TokenEstimate;

/**
 * Renders retrieved calls as prompt blocks and keeps, in rank order, those that fit the token
 * budget (estimated by {@link TokenEstimate}, the same rule the insights stage uses). A call that does not
 * fit is skipped, not cut: half a call's notes would read as the whole story.
 */
final class ContextBuilder {
    static final int TOKENS_PER_BLOCK = TokenEstimate.TOKENS_PER_MESSAGE;
    static final int MAX_FRICTION = 3;
    static final int MAX_ERRORS = 3;
    static final int LINES_PER_CALL = 2;

    private final QuoteFinder quotes;

    ContextBuilder(QuoteFinder quotes) {
        this.quotes = quotes;
    }

    AskContext build(List<CallIndex.Hit> hits, Set<String> terms, MetricsSummary metrics, int budgetTokens) {
        int used = estimate(metrics.text());
        List<AskContext.Call> calls = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (CallIndex.Hit h : hits) {
            List<CallCard.Line> lines = quotes.lines(h.card(), terms, LINES_PER_CALL);
            String block = block(h.card(), lines);
            int cost = estimate(block);
            if (used + cost > budgetTokens) {
                dropped.add(h.callId());
                continue;
            }
            used += cost;
            calls.add(new AskContext.Call(h.card(), h.score(), lines, block));
        }
        return new AskContext(metrics, calls, dropped, used);
    }

    static int estimate(String text) {
        return TokenEstimate.of(text) + TOKENS_PER_BLOCK;
    }

    static String block(CallCard c, List<CallCard.Line> lines) {
        StringBuilder b = new StringBuilder();
        b.append('[').append(c.callId()).append("]\n");
        if (!c.judged()) {
            b.append("no model judgement (structural analysis only)\n");
        } else {
            List<String> head = new ArrayList<>();
            add(head, "outcome", words(c.outcome()));
            add(head, "intent", c.intent());
            add(head, "task completed", yesNo(c.taskCompleted()));
            add(head, "escalation requested", yesNo(c.escalationRequested()));
            if (c.sentimentStart() != null || c.sentimentEnd() != null) {
                head.add("sentiment " + orDash(c.sentimentStart()) + " -> " + orDash(c.sentimentEnd()));
            }
            b.append(String.join("; ", head)).append('\n');
            line(b, "summary", c.summary());
            line(b, "failure reason", c.failureReason());
            line(b, "suggestion", c.improvementSuggestion());
            c.friction().stream().limit(MAX_FRICTION).forEach(f -> b.append("friction: ").append(friction(f)).append('\n'));
            c.agentErrors().stream().limit(MAX_ERRORS).forEach(e -> b.append("agent error: ")
                    .append(words(e.category()) == null ? "" : words(e.category()) + ": ").append(orDash(e.description())).append('\n'));
        }
        for (CallCard.Line l : lines) {
            b.append("line [").append(l.index()).append("] ").append(l.role()).append(": \"").append(l.text()).append("\"\n");
        }
        if (!c.structure().isEmpty()) {
            b.append("figures: ").append(pairs(c.structure())).append('\n');
        }
        if (!c.metadata().isEmpty()) {
            b.append("metadata: ").append(pairs(c.metadata())).append('\n');
        }
        return b.toString();
    }

    static String friction(CallCard.Friction f) {
        StringBuilder b = new StringBuilder();
        if (f.category() != null) {
            b.append(words(f.category())).append(": ");
        }
        b.append(orDash(f.description()));
        if (f.quote() != null) {
            b.append(" Quote");
            if (f.utteranceIndex() != null) {
                b.append(" (line ").append(f.utteranceIndex()).append(f.verified() ? ", verified" : ", not found in the transcript").append(')');
            } else if (!f.verified()) {
                b.append(" (not found in the transcript)");
            }
            b.append(": \"").append(f.quote()).append('"');
        }
        return b.toString();
    }

    private static String pairs(Map<String, ?> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(", ", parts);
    }

    private static void add(List<String> parts, String label, String value) {
        if (value != null) {
            parts.add(label + " " + value);
        }
    }

    private static void line(StringBuilder b, String label, String value) {
        if (value != null) {
            b.append(label).append(": ").append(value).append('\n');
        }
    }

    private static String yesNo(Boolean b) {
        return b == null ? null : b ? "yes" : "no";
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    static String words(String s) {
        return s == null ? null : s.replace('_', ' ').toLowerCase(Locale.ROOT);
    }
}
