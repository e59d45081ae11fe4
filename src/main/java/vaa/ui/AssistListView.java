package vaa.ui;

import java.util.List;
import java.util.Locale;
import vaa.assist.ExperimentListing;

/** The table of {@code vaa assist list}. */
public final class AssistListView {
    private final Style s;

    public AssistListView(Style style) {
        this.s = style;
    }

    public String render(List<ExperimentListing> all) {
        if (all.isEmpty()) {
            return "No experiments yet. Start one with: vaa assist (or a suite: vaa assist --all)\n";
        }
        int name = width(all.stream().map(ExperimentListing::name).toList(), "NAME");
        int prompt = width(all.stream().map(AssistListView::prompt).toList(), "PROMPT");
        int model = width(all.stream().map(e -> e.model() == null ? "-" : e.model()).toList(), "MODEL");
        String fmt = "%-" + name + "s  %-10s  %-" + prompt + "s  %-" + model + "s  %13s  %-16s  %-19s  %s%n";
        StringBuilder b = new StringBuilder(s.bold(String.format(fmt, "NAME", "KIND", "PROMPT", "MODEL", "CONVERSATIONS",
                "SHOW RATE", "WHEN", "STATUS")));
        for (ExperimentListing e : all) {
            String convs = e.finished() == e.conversations() ? String.valueOf(e.conversations()) : e.finished() + "/" + e.conversations();
            String show = e.showShare() == null ? "-" : String.format(Locale.ROOT, "%.1f%% (%d/%d)", 100 * e.showShare(), e.shown(), e.answered());
            String status = e.status().equals("complete") ? e.status() : s.yellow(e.status());
            b.append(String.format(fmt, e.name(), e.kind(), prompt(e), e.model() == null ? "-" : e.model(), convs, show,
                    e.when() == null ? "-" : e.when().replace('T', ' '), status));
        }
        return b.append(s.dim(all.size() + " in experiments/; compare two with: vaa assist compare A B")).append('\n').toString();
    }

    private static String prompt(ExperimentListing e) {
        return e.prompt() == null ? "-" : e.prompt() + " v" + e.promptVersion();
    }

    private static int width(List<String> values, String header) {
        return Math.max(header.length(), values.stream().mapToInt(String::length).max().orElse(0));
    }
}
