package vaa.assist;

import java.util.ArrayList;
import java.util.List;
import vaa.assist.AssistComparison.Difference;
import vaa.assist.AssistComparison.Figures;
import vaa.assist.AssistComparison.Rate;
import vaa.assist.AssistComparison.Side;

/**
 * {@code vaa assist compare A B --markdown}: the comparison as a Markdown page to share. Transcripts
 * and model outputs go into block quotes with {@code <} escaped, so they cannot open HTML or a table.
 */
public final class CompareMarkdown {
    private CompareMarkdown() {}

    /** At most {@code limit} differing steps are written out. */
    public static String render(AssistComparison c, int limit) {
        StringBuilder b = new StringBuilder("# Assist comparison: ").append(c.a().name()).append(" vs ").append(c.b().name()).append("\n\n")
                .append(Markdown.header(List.of("", "A", "B")));
        Side a = c.a();
        Side x = c.b();
        b.append(Markdown.row("name", Markdown.cell(a.name() + " (" + a.kind() + ")"), Markdown.cell(x.name() + " (" + x.kind() + ")")))
                .append(Markdown.row("prompt", Markdown.cell(a.prompt()), Markdown.cell(x.prompt())))
                .append(Markdown.row("model", Markdown.cell(a.model()), Markdown.cell(x.model())))
                .append(Markdown.row("conversations", a.conversations(), x.conversations()));
        Figures o = c.overall();
        b.append("\n## Overall\n\n").append(c.conversations().size()).append(" conversations in common. **Steps that differ: ")
                .append(o.differingText()).append("**: ").append(o.changesText()).append(". Not compared (answered on one side only): ")
                .append(o.notCompared()).append(".\n\n")
                .append(Markdown.header(List.of("", "A", "B", "B − A")))
                .append(rate("show rate (of answered steps)", o.showRate()));
        o.tags().forEach(t -> b.append(rate("tag " + Markdown.cell(t.tag()) + " (of shown)", t.rate())));
        b.append(Markdown.row("TTFT p50 / p95", AssistComparison.Latencies.text(o.ttftMs().a()), AssistComparison.Latencies.text(o.ttftMs().b()), ""))
                .append(Markdown.row("E2E p50 / p95", AssistComparison.Latencies.text(o.e2eMs().a()), AssistComparison.Latencies.text(o.e2eMs().b()), ""))
                .append("\n\\* significant at 95% (").append(c.test()).append("); ~ under 5 expected steps on a side, so the test is rough.\n");
        List<String> notes = new ArrayList<>(c.warnings());
        c.onlyInA().forEach(k -> notes.add("only in A: " + k));
        c.onlyInB().forEach(k -> notes.add("only in B: " + k));
        if (!notes.isEmpty()) {
            b.append('\n');
            notes.forEach(n -> b.append("- ").append(Markdown.cell(n)).append('\n'));
        }
        b.append("\n## Per conversation\n\n")
                .append(Markdown.header(List.of("conversation", "differ", "show rate A", "show rate B", "B − A", "TTFT A", "TTFT B", "E2E A", "E2E B")));
        for (Figures f : c.conversations()) {
            b.append(Markdown.row(Markdown.cell(f.conversation()), f.differingText(), f.showRate().a().text(), f.showRate().b().text(),
                    mark(f.showRate()), AssistComparison.Latencies.text(f.ttftMs().a()), AssistComparison.Latencies.text(f.ttftMs().b()),
                    AssistComparison.Latencies.text(f.e2eMs().a()), AssistComparison.Latencies.text(f.e2eMs().b())));
        }
        List<Difference> shown = c.differences().stream().limit(Math.max(0, limit)).toList();
        b.append("\n## Steps that differ (").append(shown.size()).append(" of ").append(c.differences().size()).append(")\n");
        for (Difference d : shown) {
            b.append("\n### ").append(Markdown.cell(d.conversation())).append(" · step ").append(d.step()).append(" (utterance ")
                    .append(d.utterance()).append(", phase ").append(Markdown.cell(d.phase())).append("): ").append(AssistComparison.changeLabel(d.change()))
                    .append("\n\nTranscript:\n\n").append(Markdown.quote(d.transcript() == null ? "(not in the logs)" : d.transcript()))
                    .append("\n**A**: `").append(d.a().line()).append("`\n\n").append(d.a().body() == null ? "" : Markdown.quote(d.a().body()) + "\n")
                    .append("**B**: `").append(d.b().line()).append("`\n\n").append(d.b().body() == null ? "" : Markdown.quote(d.b().body()) + "\n");
        }
        return b.toString();
    }

    private static String rate(String label, Rate r) {
        return Markdown.row(label, r.a().text(), r.b().text(), mark(r));
    }

    private static String mark(Rate r) {
        return r.deltaText() + (r.significant() ? " \\*" : "") + (r.rough() ? " ~" : "");
    }
}
