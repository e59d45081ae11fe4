package vaa.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vaa.agree.Agreement;
import vaa.agree.Agreement.Figures;

/**
 * The "Judge vs labels" section's wording, shared by the Markdown and HTML reports: a row per measured field,
 * the fields not measured, the labels that could not be compared, and the first disagreeing calls per field.
 */
final class ReportAgreement {
    static final int DISAGREEMENTS = 10;
    static final int QUOTE_CHARS = 160;

    /** A measured field's figures, formatted. */
    record Row(String field, String n, String accuracy, String kappa, String note) {}

    /** A disagreeing call: ids, both answers, the judge's reason and the quote, each on one line. */
    record Disagreement(String callId, String label, String judge, String reviewer, String reason, String quote) {}

    private ReportAgreement() {}

    static String intro(Agreement a) {
        Agreement.Labels l = a.labels();
        return "How often the judge's answer matches a label, per field. Labels from " + String.join("; ", l.sources()) + ": "
                + ReportText.count(l.total()) + " read, " + ReportText.count(l.compared()) + " compared with a judgement, on "
                + ReportText.count(l.callsLabelled()) + " of the run's " + ReportText.count(l.callsInRun()) + " calls.";
    }

    static List<Row> rows(Agreement a) {
        List<Row> rows = new ArrayList<>();
        a.fields().forEach((name, f) -> {
            if (f.measured()) {
                Figures x = f.figures();
                rows.add(new Row(name, ReportText.count(x.n()), accuracy(x), kappa(x), x.note()));
            }
        });
        return rows;
    }

    /** "91.2% (87.1–94.1%)". */
    static String accuracy(Figures x) {
        return ReportText.pct(x.accuracy()) + String.format(Locale.ROOT, " (%.1f\u2013%.1f%%)", 100 * x.accuracyInterval().get(0),
                100 * x.accuracyInterval().get(1));
    }

    /** "0.62 (0.50–0.74)", or "undefined". */
    static String kappa(Figures x) {
        return x.kappa() == null ? "undefined" : String.format(Locale.ROOT, "%.2f (%.2f\u2013%.2f)", x.kappa(), x.kappaInterval().get(0),
                x.kappaInterval().get(1));
    }

    /** "Not measured (no labels): outcome, sentiment_start.", or null when every field was measured. */
    static String notMeasured(Agreement a) {
        List<String> names = a.fields().entrySet().stream().filter(e -> !e.getValue().measured()).map(Map.Entry::getKey).toList();
        return names.isEmpty() ? null : "Not measured (no label for a judged call): " + String.join(", ", names) + ".";
    }

    /** Labels that were read but not compared, said plainly. */
    static List<String> cautions(Agreement a) {
        List<String> out = new ArrayList<>();
        Agreement.NotInRun missing = a.labels().notInRun();
        if (missing.labels() > 0) {
            out.add(ReportText.count(missing.labels()) + " label(s) are for " + ReportText.count(missing.callCount())
                    + " call(s) this run does not hold and were not compared.");
        }
        if (!a.labels().unknownFields().isEmpty()) {
            out.add("Labels for fields the judge does not answer were not compared: " + String.join(", ", a.labels().unknownFields().keySet()) + ".");
        }
        return out;
    }

    /** Each measured field with disagreements → its first {@value #DISAGREEMENTS} calls. */
    static List<Disagreement> disagreements(Agreement.Field f) {
        return f.disagreements().stream().limit(DISAGREEMENTS).map(d -> new Disagreement(d.callId(), d.label(), d.judge(), d.reviewer(),
                ReportText.oneLine(d.reason(), QUOTE_CHARS), ReportText.oneLine(d.quote(), QUOTE_CHARS))).toList();
    }

    static String method(Agreement a) {
        return "Kappa: " + a.method().kappa() + ". Accuracy: share of pairs agreeing, " + a.method().accuracyInterval() + ". "
                + a.method().pairs() + ".";
    }
}
