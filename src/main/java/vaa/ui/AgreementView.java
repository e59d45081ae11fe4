package vaa.ui;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import vaa.agree.Agreement;
import vaa.agree.Agreement.Field;
import vaa.agree.Agreement.Figures;

/** The text of {@code vaa agree}: per judged field its figures, confusion matrix and disagreeing calls. */
public final class AgreementView {
    private final Style s;
    private final int limit;

    /** {@code limit}: disagreeing calls listed per field. */
    public AgreementView(Style style, int limit) {
        this.s = style;
        this.limit = limit;
    }

    public String render(Agreement a) {
        StringBuilder b = new StringBuilder();
        Agreement.Labels l = a.labels();
        b.append(s.bold("Judge vs labels, run " + a.runId())).append('\n');
        b.append("Labels from: ").append(String.join("; ", l.sources())).append('\n');
        b.append(l.total()).append(" label").append(l.total() == 1 ? "" : "s").append(" read, ").append(l.compared())
                .append(" compared with a judgement, on ").append(l.callsLabelled()).append(" of the run's ").append(l.callsInRun())
                .append(" calls.\n");
        if (l.notInRun().labels() > 0) {
            b.append(s.yellow("[warn] ")).append(l.notInRun().labels()).append(" label(s) for ").append(l.notInRun().callCount())
                    .append(" call(s) this run does not hold, not compared: ").append(String.join(", ", l.notInRun().calls()))
                    .append(l.notInRun().callCount() > l.notInRun().calls().size() ? ", …" : "").append('\n');
        }
        if (!l.unknownFields().isEmpty()) {
            b.append(s.yellow("[warn] ")).append("Labels for fields the judge does not answer, not compared: ")
                    .append(l.unknownFields().entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", ")))
                    .append('\n');
        }
        a.fields().forEach((name, f) -> {
            if (f.measured()) {
                b.append('\n').append(field(name, f));
            }
        });
        String noLabels = names(a, f -> !f.measured() && f.labelledNotJudged() == 0);
        String noJudgement = names(a, f -> !f.measured() && f.labelledNotJudged() > 0);
        if (!noLabels.isEmpty() || !noJudgement.isEmpty()) {
            b.append('\n');
        }
        if (!noLabels.isEmpty()) {
            b.append(s.bold("Not measured")).append(" (no labels): ").append(noLabels).append('\n');
        }
        if (!noJudgement.isEmpty()) {
            b.append(s.bold("Not measured")).append(" (labels only for calls without a judgement): ").append(noJudgement).append('\n');
        }
        b.append('\n').append(s.dim("Kappa: " + a.method().kappa() + ". Accuracy: share of pairs agreeing, "
                + a.method().accuracyInterval() + ". " + a.method().pairs() + ".")).append('\n');
        return b.toString();
    }

    private static String names(Agreement a, java.util.function.Predicate<Field> which) {
        return a.fields().entrySet().stream().filter(e -> which.test(e.getValue())).map(Map.Entry::getKey).collect(Collectors.joining(", "));
    }

    private String field(String name, Field f) {
        StringBuilder b = new StringBuilder();
        b.append(s.bold(name)).append(s.dim(" (" + f.kind().replace('_', '/') + ")")).append("  ").append(figures(f.figures())).append('\n');
        if (f.figures().note() != null) {
            b.append("  ").append(s.dim(f.figures().note())).append('\n');
        }
        b.append(matrix(f.figures().confusion(), "label ↓  judge →"));
        if (f.labelledNotJudged() > 0) {
            b.append("  ").append(f.labelledNotJudged()).append(" label(s) for calls without a judgement, not compared.\n");
        }
        if (!f.reviewers().isEmpty()) {
            b.append("  Judge vs each reviewer:\n");
            f.reviewers().forEach((who, x) -> b.append("    ").append(String.format("%-16s ", who)).append(figures(x)).append('\n'));
            b.append("  Reviewers with each other (the ceiling for the judge):\n");
            f.interReviewer().forEach(p -> b.append("    ").append(String.format("%-16s ", p.a() + " ~ " + p.b()))
                    .append(p.figures().n() == 0 ? "no call labelled by both" : figures(p.figures())).append('\n'));
        }
        List<Agreement.Disagreement> d = f.disagreements();
        if (!d.isEmpty()) {
            b.append("  ").append(d.size()).append(" disagreement").append(d.size() == 1 ? "" : "s").append(":\n");
            d.stream().limit(limit).forEach(x -> {
                b.append("    ").append(s.bold(x.callId())).append("  label ").append(x.label()).append(", judge ").append(x.judge())
                        .append(s.dim(" (" + x.reviewer() + ")")).append('\n');
                if (x.reason() != null) {
                    b.append("      reason: ").append(oneLine(x.reason())).append('\n');
                }
                if (x.quote() != null) {
                    b.append("      quote:  ").append(oneLine(x.quote())).append('\n');
                }
            });
            if (d.size() > limit) {
                b.append(s.dim("    … and " + (d.size() - limit) + " more (--limit N, or --json for all)")).append('\n');
            }
        }
        return b.toString();
    }

    /** "n 249  accuracy 91.2% [87.1–94.1]  kappa 0.62 [0.50–0.74]". */
    static String figures(Figures x) {
        String kappa = x.kappa() == null ? "kappa undefined"
                : String.format(Locale.ROOT, "kappa %.2f [%.2f–%.2f]", x.kappa(), x.kappaInterval().get(0), x.kappaInterval().get(1));
        return String.format(Locale.ROOT, "n %d  accuracy %.1f%% [%.1f–%.1f]  %s", x.n(), 100 * x.accuracy(),
                100 * x.accuracyInterval().get(0), 100 * x.accuracyInterval().get(1), kappa);
    }

    private static String matrix(Map<String, Map<String, Long>> confusion, String corner) {
        List<String> cols = confusion.values().iterator().next().keySet().stream().toList();
        int w = Math.max(7, cols.stream().mapToInt(String::length).max().orElse(0) + 2);
        int first = Math.max(corner.length(), confusion.keySet().stream().mapToInt(String::length).max().orElse(0)) + 2;
        StringBuilder b = new StringBuilder("  " + pad(corner, first));
        cols.forEach(c -> b.append(String.format("%" + w + "s", c)));
        b.append('\n');
        confusion.forEach((row, cells) -> {
            b.append("  ").append(pad(row, first));
            cells.values().forEach(n -> b.append(String.format("%" + w + "d", n)));
            b.append('\n');
        });
        return b.toString();
    }

    private static String pad(String x, int width) {
        return String.format("%-" + width + "s", x);
    }

    private static String oneLine(String x) {
        return x.replaceAll("\\s+", " ").strip();
    }
}
