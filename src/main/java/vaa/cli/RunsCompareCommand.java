package vaa.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vaa.compare.RunComparer;
import vaa.compare.RunComparison;
import vaa.io.Json;
import vaa.run.RunStore;
import vaa.ui.CompareView;

/** {@code vaa runs compare A B}: two runs' metrics side by side. Reads only; either run may be sealed. */
@Command(name = "compare", description = {"Compare two runs: headline figures side by side with B − A, rate differences"
        + " marked * when significant at 95%% (two-proportion z-test, pooled standard error), and the calls whose outcome"
        + " changed when both runs judged them (e.g. a run and its vaa run --from fork).",
        "Both runs need reports/metrics.json (vaa metrics)."})
final class RunsCompareCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "A", description = "Run id or directory (the baseline).")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "Run id or directory (compared with A).")
    String b;

    @Option(names = "--limit", paramLabel = "K", defaultValue = "50", description = "Changed calls to list (default: ${DEFAULT-VALUE}; --json lists all).")
    int limit;

    @Option(names = "--json", description = "Print the comparison as JSON.")
    boolean json;

    @Override
    public Integer call() {
        RunStore store = context().runStore();
        RunComparison c = RunComparer.compare(store.named(a), store.named(b));
        out().print(json ? Json.pretty(c) : new CompareView(style(), Math.max(0, limit)).render(c));
        out().flush();
        return 0;
    }
}
