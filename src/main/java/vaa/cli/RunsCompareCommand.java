package vaa.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vaa.compare.RunComparer;
import vaa.compare.RunComparison;
import vaa.io.Json;
import vaa.run.RunStore;
import vaa.ui.CompareView;

/** {@code vaa runs compare A B}: two runs' metrics side by side. Reads only; either run may be sealed. */
@Command(name = "compare", description = {"Compare two runs: headline figures side by side with B − A, rate differences"
        + " marked * when significant at 95%% (two-proportion z-test, pooled standard error), the judge's agreement with labels"
        + " where there are labels (see vaa agree), and the calls whose outcome changed when both runs judged them (e.g. a run"
        + " and its vaa run --from fork).",
        "Both runs need reports/metrics.json (vaa metrics). With --fail-on-regression the exit code is 1 when B is"
                + " significantly worse than A on a headline rate, for CI."})
final class RunsCompareCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "A", description = "Run id or directory (the baseline).")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "Run id or directory (compared with A).")
    String b;

    @Mixin
    LabelOptions labelOptions;

    @Option(names = "--limit", paramLabel = "K", defaultValue = "50", description = "Changed calls to list (default: ${DEFAULT-VALUE}; --json lists all).")
    int limit;

    @Option(names = "--fail-on-regression", description = "Exit 1 when B is significantly worse than A at 95% on resolution, task"
            + " completion, escalation, friction, agent errors or agreement with labels, naming which; 0 otherwise.")
    boolean failOnRegression;

    @Option(names = "--json", description = "Print the comparison as JSON.")
    boolean json;

    @Override
    public Integer call() {
        RunStore store = context().runStore();
        RunComparison c = RunComparer.compare(store.named(a), store.named(b), labelOptions.sources(context().workspace()));
        CompareView view = new CompareView(style(), Math.max(0, limit));
        out().print(json ? Json.pretty(c) : view.render(c));
        out().flush();
        if (!failOnRegression) {
            return 0;
        }
        if (json) {
            err().print(view.regressions(c.regressions()));
        }
        err().println(c.regressions().isEmpty() ? "Regression check passed: run " + c.b().runId() + " is not significantly worse than "
                + c.a().runId() + "." : "Regression check failed: run " + c.b().runId() + " is significantly worse than " + c.a().runId()
                + " on " + c.regressions().size() + " headline rate(s).");
        err().flush();
        return c.regressions().isEmpty() ? 0 : 1;
    }
}
