package vaa.ui;

import java.nio.file.Path;
import java.util.function.Function;
import vaa.insights.InsightTheme;
import vaa.insights.InsightsReport;
import vaa.run.Run;

/** The text of {@code vaa insights}: who produced the themes, their titles, the tokens spent, where they are written. */
public final class InsightsView {
    private InsightsView() {}

    public static String render(Style s, Function<Path, String> display, Run run, InsightsReport r) {
        StringBuilder b = new StringBuilder();
        b.append(s.bold("Insights for run " + run.id())).append(": ").append(r.themes().size()).append(" theme")
                .append(r.themes().size() == 1 ? "" : "s")
                .append(r.computedWithoutModel() ? s.yellow(" (computed without a model)") : " by " + r.model().get("key")
                        + (r.method().chunks() != null ? " (map-reduce over " + r.method().chunks() + " batches)" : "")).append('\n');
        int i = 1;
        for (InsightTheme t : r.themes()) {
            b.append(String.format("  %d. %s (%d call%s)%n", i++, t.title(), t.callCount(), t.callCount() == 1 ? "" : "s"));
        }
        if (r.usage() != null && r.usage().total() > 0) {
            b.append("Tokens: ").append(r.usage().prompt()).append(" prompt + ").append(r.usage().completion()).append(" completion\n");
        }
        b.append("Written: ").append(display.apply(InsightsReport.jsonFile(run))).append(", ")
                .append(display.apply(InsightsReport.markdownFile(run))).append('\n');
        return b.append(s.dim("Next: vaa report " + run.selector())).append('\n').toString();
    }
}
