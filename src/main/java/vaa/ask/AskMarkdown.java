package vaa.ask;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The readable twin of an ask record: question, answer, cited calls with their summaries, the
 * citation check, what was retrieved, and the run id last — as the answer ends on screen.
 */
final class AskMarkdown {
    private AskMarkdown() {}

    static String render(AskRecord r, AskContext context) {
        Map<String, AskContext.Call> shown = new LinkedHashMap<>();
        context.calls().forEach(c -> shown.put(c.card().callId(), c));
        StringBuilder b = new StringBuilder();
        b.append("# ").append(oneLine(r.question())).append("\n\n");
        b.append("_Run `").append(r.runId()).append("` · asked ").append(r.askedAt());
        if (r.model() != null) {
            b.append(" · model `").append(r.model().get("key")).append("` (").append(r.model().get("model")).append(')');
            b.append(" · prompt ").append(r.prompt().get("name")).append(" v").append(r.prompt().get("version"));
        }
        b.append("_\n\n");
        if (r.answered()) {
            b.append("## Answer\n\n").append(r.answer().strip()).append("\n\n");
            b.append("## Cited calls\n\n");
            if (r.citedIds().isEmpty() && r.citationsFlagged().isEmpty()) {
                b.append("The answer cites no call.\n");
            }
            for (String id : r.citedIds()) {
                AskContext.Call c = shown.get(id);
                b.append("- `").append(id).append('`');
                if (c != null) {
                    b.append(" — ").append(headline(c.card()));
                } else {
                    r.citationsFlagged().stream().filter(f -> f.id().equals(id)).findFirst()
                            .ifPresent(f -> b.append(" — **not in the context**: ").append(f.reason()));
                }
                b.append('\n');
            }
            r.citationsFlagged().stream().filter(f -> !r.citedIds().contains(f.id()))
                    .forEach(f -> b.append("- `").append(f.id()).append("` — **not in the context**: ").append(f.reason()).append('\n'));
            if (!r.citationsFlagged().isEmpty()) {
                b.append("\n**Citation check:** ").append(r.citationsFlagged().size())
                        .append(r.citationsFlagged().size() == 1 ? " id was" : " ids were")
                        .append(" not in the context the model was given; treat those statements with care.\n");
            }
            b.append('\n');
        } else {
            b.append("## No answer\n\n").append(r.modelSkippedReason()).append(".\n\n");
            b.append("## Calls matching the question\n\n");
            if (context.calls().isEmpty()) {
                b.append("No call matched the words of the question.\n");
            }
            int i = 1;
            for (AskContext.Call c : context.calls()) {
                b.append(i++).append(". `").append(c.card().callId()).append("` — ").append(headline(c.card())).append('\n');
                evidence(c).forEach(e -> b.append("   - ").append(e).append('\n'));
            }
            b.append('\n');
        }
        b.append("## Retrieval\n\n");
        b.append("Top ").append(r.retrieval().topK()).append(" by BM25 over ").append(r.retrieval().index().documents())
                .append(" calls; ").append(r.contextIds().size()).append(" in the context (about ")
                .append(r.retrieval().contextTokensEstimate()).append(" of ").append(r.retrieval().budgetTokens()).append(" tokens)");
        if (!r.retrieval().droppedForBudget().isEmpty()) {
            b.append(", ").append(r.retrieval().droppedForBudget().size()).append(" left out for the budget");
        }
        b.append(". Metrics: ").append(r.retrieval().metricsSource()).append(".\n\n");
        if (!r.retrievedIds().isEmpty()) {
            b.append("| # | call | score | in context |\n|---:|---|---:|---|\n");
            int i = 1;
            for (String id : r.retrievedIds()) {
                Float score = r.retrieval().scores().get(id);
                b.append("| ").append(i++).append(" | `").append(id).append("` | ")
                        .append(score == null ? "" : String.format(Locale.ROOT, "%.2f", score)).append(" | ")
                        .append(r.contextIds().contains(id) ? "yes" : "no").append(" |\n");
            }
            b.append('\n');
        }
        b.append("Run: `").append(r.runId()).append("`\n");
        return b.toString();
    }

    /** "partially resolved · order a drink — The customer called to…" */
    static String headline(CallCard c) {
        if (!c.judged()) {
            return "no model judgement (structural analysis only)";
        }
        StringBuilder b = new StringBuilder();
        b.append(c.outcome() == null ? "no outcome" : ContextBuilder.words(c.outcome()));
        if (c.intent() != null) {
            b.append(" · ").append(c.intent());
        }
        if (c.summary() != null) {
            b.append(" — ").append(c.summary());
        }
        return b.toString();
    }

    /** Friction quotes first (the judge's evidence), then the transcript lines matching the question. */
    static List<String> evidence(AskContext.Call c) {
        List<String> out = new ArrayList<>();
        c.card().friction().stream().filter(f -> f.quote() != null).limit(ContextBuilder.MAX_FRICTION)
                .forEach(f -> out.add(ContextBuilder.friction(f)));
        c.lines().forEach(l -> out.add("line " + l.index() + ", " + l.role() + ": \"" + l.text() + "\""));
        return out;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }
}
