package vaa.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vaa.VaaException;
import vaa.assist.AssistComparer;
import vaa.assist.AssistComparison;
import vaa.assist.CompareMarkdown;
import vaa.io.Json;
import vaa.ui.AssistCompareView;

/** {@code vaa assist compare A B}: where two suites (or experiments) decide differently, step by step. Reads only. */
@Command(name = "compare", description = {"Compare two suites (or two experiments) over the same conversations: the share"
        + " of steps whose decision (show/skip, or the tag) differs, show rate and tags of each with B − A marked * when"
        + " significant at 95%% (two-proportion z-test, as vaa runs compare), TTFT/E2E side by side, and each differing step"
        + " with the transcript window and both outputs."})
final class AssistCompareCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "A", description = "Suite or experiment name (the baseline; see vaa assist list).")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "Suite or experiment name (compared with A).")
    String b;

    @Option(names = "--limit", paramLabel = "K", defaultValue = "10", description = "Differing steps to show (default: ${DEFAULT-VALUE}; --json lists all).")
    int limit;

    @Option(names = "--json", description = "Print the comparison as JSON (every differing step).")
    boolean json;

    @Option(names = "--markdown", description = "Print the comparison as Markdown, to share (e.g. > comparison.md).")
    boolean markdown;

    @Override
    public Integer call() {
        if (json && markdown) {
            throw VaaException.usage("--json and --markdown are two formats; give one of them");
        }
        AssistComparison c = AssistComparer.compare(context().workspace(), a, b);
        int k = Math.max(0, limit);
        out().print(json ? Json.pretty(c) : markdown ? CompareMarkdown.render(c, k) : new AssistCompareView(style(), k).render(c));
        out().flush();
        return 0;
    }
}
