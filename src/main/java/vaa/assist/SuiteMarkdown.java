package vaa.assist;

import java.util.List;

/** {@code summary.md} of a suite: the same figures as {@code summary.json}, as tables to read or paste. */
final class SuiteMarkdown {
    private SuiteMarkdown() {}

    static String summary(SuiteSummary s) {
        SuiteSummary.Totals o = s.overall();
        StringBuilder b = new StringBuilder("# Assist suite ").append(s.suite()).append("\n\n")
                .append("- Prompt: ").append(s.prompt().get("name")).append(" v").append(s.prompt().get("version"))
                .append(" (").append(s.prompt().get("source")).append(")\n")
                .append("- Model: ").append(s.model().get("label")).append(" (").append(s.model().get("model")).append(")\n")
                .append("- Started: ").append(s.createdAt()).append('\n')
                .append("- Status: ").append(s.status()).append(", ").append(o.finished()).append(" of ")
                .append(o.conversations()).append(" conversations finished")
                .append(s.dryRun() ? " (dry run: no model calls)" : "").append("\n\n")
                .append("Shares are of the steps the model answered; latencies are p50 / p95 over them.\n\n")
                .append("## Overall\n\n")
                .append(Markdown.header(List.of("steps", "answered", "shown", "skipped", "failed", "TTFT", "E2E")))
                .append(Markdown.row(o.steps(), o.answered(), Markdown.share(o.shown(), o.answered()),
                        Markdown.share(o.skipped(), o.answered()), o.failed(), Markdown.latency(o.ttftMs()),
                        Markdown.latency(o.e2eMs())))
                .append("\nTags: ").append(Markdown.tags(o.tags())).append("\n\n## Conversations\n\n")
                .append(Markdown.header(List.of("conversation", "status", "steps", "shown", "skipped", "failed", "tags", "TTFT",
                        "E2E")));
        for (SuiteSummary.Conversation c : s.conversations()) {
            SuiteSummary.Totals t = c.totals();
            b.append(Markdown.row(Markdown.cell(c.name()), c.status(), t.run() + "/" + t.steps(),
                    Markdown.share(t.shown(), t.answered()), Markdown.share(t.skipped(), t.answered()), t.failed(),
                    Markdown.cell(Markdown.tags(t.tags())), Markdown.latency(t.ttftMs()), Markdown.latency(t.e2eMs())));
        }
        List<SuiteSummary.Conversation> failing = s.conversations().stream().filter(c -> !c.failures().isEmpty()).toList();
        if (!failing.isEmpty()) {
            b.append("\n## Failures\n\n");
            failing.forEach(c -> c.failures().forEach(f -> b.append("- ").append(Markdown.cell(c.name())).append(", step ")
                    .append(f.step()).append(": ").append(Markdown.cell(f.error())).append('\n')));
        }
        if (!s.skippedStateFiles().isEmpty()) {
            b.append("\n## State files skipped\n\n");
            s.skippedStateFiles().forEach(k -> b.append("- ").append(Markdown.cell(k.state())).append(": ")
                    .append(Markdown.cell(k.reason())).append('\n'));
        }
        return b.toString();
    }
}
