package vaa.ui;

import java.util.List;
import vaa.assist.AssistComparison;
import vaa.assist.AssistComparison.Difference;
import vaa.assist.AssistComparison.Figures;
import vaa.assist.AssistComparison.Latencies;
import vaa.assist.AssistComparison.Rate;
import vaa.assist.AssistComparison.Side;

/** The text of {@code vaa assist compare}: both sides, the overall figures, one line per conversation, the differing steps. */
public final class AssistCompareView {
    private static final String ROW = "  %-34s %20s %20s  %s%n";

    private final Style s;
    private final int limit;

    public AssistCompareView(Style style, int limit) {
        this.s = style;
        this.limit = limit;
    }

    public String render(AssistComparison c) {
        StringBuilder b = new StringBuilder().append(side("A", c.a())).append(side("B", c.b())).append('\n');
        Figures o = c.overall();
        b.append(s.bold("Overall")).append(": ").append(c.conversations().size()).append(" conversations in common, steps that differ ")
                .append(s.bold(o.differingText())).append(" · ").append(o.changesText())
                .append(o.notCompared() > 0 ? s.dim(" · " + o.notCompared() + " not compared (answered on one side only)") : "")
                .append("\n\n").append(s.bold(String.format(ROW, "", "A", "B", "B − A")))
                .append(rate("show rate (of answered steps)", o.showRate()));
        o.tags().forEach(t -> b.append(rate("  tag " + t.tag() + " (of shown)", t.rate())));
        b.append(String.format(ROW, "TTFT p50 / p95", Latencies.text(o.ttftMs().a()), Latencies.text(o.ttftMs().b()), ""))
                .append(String.format(ROW, "E2E p50 / p95", Latencies.text(o.e2eMs().a()), Latencies.text(o.e2eMs().b()), ""))
                .append(s.dim("* significant at 95% (" + c.test() + "); ~ under 5 expected steps on a side: the test is rough there."))
                .append('\n');
        c.warnings().forEach(w -> b.append(s.yellow("[warn] ")).append(w).append('\n'));
        if (!c.onlyInA().isEmpty() || !c.onlyInB().isEmpty()) {
            b.append(s.dim("Only in A: " + c.onlyInA().size() + ", only in B: " + c.onlyInB().size() + " conversations (not compared)"))
                    .append('\n');
        }
        if (!c.conversations().isEmpty()) {
            int width = c.conversations().stream().mapToInt(f -> f.conversation().length()).max().orElse(12);
            String row = "  %-" + width + "s  %-16s %-14s %-16s %s%n";
            b.append('\n').append(s.bold(String.format(row, "Conversation", "differ", "show A", "show B", "TTFT p50/p95 A | B")));
            for (Figures f : c.conversations()) {
                b.append(String.format(row, f.conversation(), f.differingText(),
                        f.showRate().a().text(), f.showRate().b().text() + mark(f.showRate()),
                        Latencies.text(f.ttftMs().a()) + " | " + Latencies.text(f.ttftMs().b())));
            }
        }
        return b.append(differences(c.differences())).toString();
    }

    private String differences(List<Difference> all) {
        if (all.isEmpty()) {
            return "\nNo step differs.\n";
        }
        StringBuilder b = new StringBuilder("\n").append(s.bold("Steps that differ")).append(" (" + all.size() + ")\n");
        for (Difference d : all.stream().limit(limit).toList()) {
            b.append('\n').append(s.cyan(d.conversation() + " · step " + d.step() + " · utterance " + d.utterance()
                    + " · phase " + d.phase())).append("  ").append(s.bold(AssistComparison.changeLabel(d.change()))).append('\n');
            b.append(indent(d.transcript() == null ? "(transcript not in the logs)" : d.transcript(), "    ")).append('\n');
            b.append("  A: ").append(output(d.a())).append('\n').append("  B: ").append(output(d.b())).append('\n');
        }
        if (all.size() > limit) {
            b.append(s.dim("\n… and " + (all.size() - limit) + " more (--limit N, or --json / --markdown)")).append('\n');
        }
        return b.toString();
    }

    private String output(AssistComparison.Output o) {
        String line = o.tag() == null ? s.dim(o.line()) : s.green(o.line());
        return o.body() == null || o.body().isEmpty() ? line : line + "\n" + indent(o.body(), "     ");
    }

    private String side(String name, Side x) {
        return s.bold(name + "  " + x.name()) + "  " + x.kind() + ", prompt " + x.prompt() + ", model " + x.model()
                + ", " + x.conversations() + " conversation" + (x.conversations() == 1 ? "" : "s") + '\n';
    }

    private String rate(String label, Rate r) {
        return String.format(ROW, label, r.a().text(), r.b().text(), r.deltaText() + mark(r));
    }

    private String mark(Rate r) {
        return (r.significant() ? s.bold(" *") : "") + (r.rough() ? s.dim(" ~") : "");
    }

    private static String indent(String text, String prefix) {
        return String.join("\n", text.lines().map(l -> l.isEmpty() ? "" : prefix + l).toList());
    }
}
