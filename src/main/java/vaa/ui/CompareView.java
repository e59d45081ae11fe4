package vaa.ui;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import vaa.compare.RunComparison.AgreementRow;
import vaa.compare.RunComparison.AgreementSide;
import vaa.compare.RunComparison.CallChanges;
import vaa.compare.RunComparison.Proportion;
import vaa.compare.RunComparison.RateRow;
import vaa.compare.RunComparison.Regression;
import vaa.compare.RunComparison.Side;
import vaa.compare.RunComparison;
import vaa.llm.Prices;

/** The text of {@code vaa runs compare}: a table of A, B and B − A, then the calls whose outcome changed. */
public final class CompareView {
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("sampled", "sampled"), Map.entry("analyses", "analysed"), Map.entry("with_judgement", "with judgement"),
            Map.entry("structural_only", "structural only"), Map.entry("failed", "failed"),
            Map.entry("resolution_rate", "resolution rate"), Map.entry("task_completion", "task completed"),
            Map.entry("escalation_requested", "escalation requested"), Map.entry("friction_rate", "calls with friction"),
            Map.entry("agent_error_rate", "calls with agent errors"),
            Map.entry("agent_response_latency_p50_s", "agent response latency p50 (s)"),
            Map.entry("agent_response_latency_p95_s", "agent response latency p95 (s)"),
            Map.entry("agent_talk_ratio_p50", "agent talk ratio p50"), Map.entry("duration_p50_s", "call duration p50 (s)"),
            Map.entry("cost_usd", "cost (all model calls)"), Map.entry("cost_per_call_usd", "cost per analysed call"));
    private static final String ROW = "  %-32s %18s %18s  %s%n";

    private final Style s;
    private final int limit;

    public CompareView(Style style, int limit) {
        this.s = style;
        this.limit = limit;
    }

    public String render(RunComparison c) {
        StringBuilder b = new StringBuilder();
        b.append(side("A", c.a())).append(side("B", c.b())).append('\n');
        b.append(s.bold(String.format("  %-32s %18s %18s  %s%n", "", "A", "B", "B − A")));
        b.append(s.bold("Calls")).append('\n');
        c.counts().forEach(r -> b.append(String.format(ROW, label(r.metric()), num(r.a()), num(r.b()), signed(r.delta()))));
        b.append(s.bold("Rates")).append(s.dim(" (share of judged calls)")).append('\n');
        c.rates().forEach(r -> b.append(rate(r, label(r.metric()))));
        b.append(s.bold("Outcomes")).append('\n');
        c.outcomes().forEach(r -> b.append(rate(r, r.metric())));
        b.append(s.bold("Structural")).append('\n');
        c.structural().forEach(r -> b.append(String.format(ROW, label(r.metric()), dec(r.a()), dec(r.b()),
                r.delta() == null ? "" : String.format(Locale.ROOT, "%+.3f", r.delta()))));
        b.append(s.bold("Cost")).append(s.dim(" (USD; unknown where a model has no price)")).append('\n');
        c.cost().forEach(r -> b.append(String.format(ROW, label(r.metric()), Prices.format(r.a()), Prices.format(r.b()),
                r.delta() == null ? "" : (r.delta() < 0 ? "-" : "+") + Prices.format(Math.abs(r.delta())))));
        if (!c.agreement().isEmpty()) {
            b.append(s.bold("Agreement with labels")).append(s.dim(" (judge vs labels: accuracy, kappa, pairs)")).append('\n');
            c.agreement().forEach(r -> b.append(agreement(r)));
        }
        b.append('\n').append(s.dim("* significant at 95% (" + c.test() + ")")).append('\n');
        if (List.of(c.rates(), c.outcomes()).stream().flatMap(List::stream).anyMatch(r -> r.test() != null && r.test().smallCounts())) {
            b.append(s.dim("~ under 5 expected calls on one side: the test is rough there.")).append('\n');
        }
        c.warnings().forEach(w -> b.append(s.yellow("[warn] ")).append(w).append('\n'));
        b.append(regressions(c.regressions()));
        return b.append('\n').append(calls(c.calls())).toString();
    }

    private String side(String name, Side x) {
        return s.bold("Run " + name + "  " + x.runId()) + "  created " + (x.createdAt() == null ? "?" : x.createdAt().replace('T', ' '))
                + (x.model() == null ? "" : "  model " + x.model()) + (x.prompt() == null ? "" : "  prompt " + x.prompt())
                + (x.parentRun() == null ? "" : s.dim("  (sample of run " + x.parentRun() + ")")) + '\n';
    }

    private String rate(RateRow r, String label) {
        String delta = r.delta() == null ? "" : String.format(Locale.ROOT, "%+.1f pp", 100 * r.delta());
        String mark = r.significant() ? s.bold(" *") : "";
        String rough = r.test() != null && r.test().smallCounts() ? s.dim(" ~") : "";
        return String.format(ROW, label, share(r.a()), share(r.b()), delta + mark + rough);
    }

    private String agreement(AgreementRow r) {
        String delta = r.delta() == null ? "" : String.format(Locale.ROOT, "%+.1f pp", 100 * r.delta());
        String mark = r.significant() ? s.bold(" *") : "";
        String rough = r.test() != null && r.test().smallCounts() ? s.dim(" ~") : "";
        return String.format("  %-32s %22s %22s  %s%n", r.field(), agreementSide(r.a()), agreementSide(r.b()), delta + mark + rough);
    }

    private static String agreementSide(AgreementSide x) {
        if (x == null) {
            return "not measured";
        }
        return String.format(Locale.ROOT, "%.1f%% κ %s n=%d", 100 * x.accuracy(), x.kappa() == null ? "–" : String.format(Locale.ROOT, "%.2f", x.kappa()), x.n());
    }

    /** What {@code --fail-on-regression} fails on, stated either way so a CI log says what was checked. */
    public String regressions(List<Regression> regressions) {
        if (regressions.isEmpty()) {
            return "No headline rate is significantly worse in B than in A (95%).\n";
        }
        StringBuilder b = new StringBuilder(s.red(s.bold("Significantly worse in B than in A (95%):")) + '\n');
        regressions.forEach(r -> b.append("  ").append(regressionLabel(r.metric())).append(": ").append(pct(r.a())).append(" → ")
                .append(pct(r.b())).append(String.format(Locale.ROOT, " (%+.1f pp, p=%.4f; worse when %s)", 100 * r.delta(), r.pValue(), r.worseWhen()))
                .append('\n'));
        return b.toString();
    }

    private static String regressionLabel(String metric) {
        return metric.startsWith("agreement:") ? "agreement with labels on " + metric.substring("agreement:".length()) : label(metric);
    }

    private static String pct(Double share) {
        return share == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private String calls(CallChanges c) {
        if (c.shared() == 0) {
            return "The runs share no calls (different samples), so there are no per-call changes to show.\n";
        }
        StringBuilder b = new StringBuilder("Calls: " + c.shared() + " in both runs (" + c.onlyA() + " only in A, " + c.onlyB()
                + " only in B), " + c.judgedInBoth() + " judged in both.\n");
        if (c.changedCount() == 0) {
            return b.append("No call changed outcome.\n").toString();
        }
        b.append(s.bold(c.changedCount() + " call" + (c.changedCount() == 1 ? "" : "s") + " changed outcome")).append(": ")
                .append(c.transitions().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))
                .append('\n');
        int width = c.changed().stream().limit(limit).mapToInt(x -> x.callId().length()).max().orElse(8);
        c.changed().stream().limit(limit).forEach(x -> b.append(String.format("  %-" + width + "s  %s → %s%n", x.callId(), x.a(), x.b())));
        if (c.changedCount() > limit) {
            b.append(s.dim("  … and " + (c.changedCount() - limit) + " more (--limit N, or --json for all)")).append('\n');
        }
        return b.toString();
    }

    private static String label(String metric) {
        return LABELS.getOrDefault(metric, metric);
    }

    private static String share(Proportion p) {
        return p.share() == null ? "n/a" : String.format(Locale.ROOT, "%.1f%% (%d/%d)", 100 * p.share(), p.count(), p.n());
    }

    private static String num(Long v) {
        return v == null ? "n/a" : String.valueOf(v);
    }

    private static String signed(Long v) {
        return v == null ? "" : String.format(Locale.ROOT, "%+d", v);
    }

    private static String dec(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}
