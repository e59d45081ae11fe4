package vaa.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vaa.io.Json;
import vaa.run.Run;
import vaa.run.RunResolver;
import vaa.run.RunStatus;
import vaa.run.RunStore;
import vaa.run.RunSummary;
import vaa.run.StageStatus;
import vaa.ui.Style;

/** {@code vaa runs show [RUN]}: one run's config and per-stage status. */
@Command(name = "show", description = "Show a run's configuration and stage status.")
final class RunsShowCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "Run id or directory (default: resolved as usual).")
    String runArg;

    @Mixin
    RunOptions runOptions;

    @Option(names = "--json", description = "Print {summary, config, status} as JSON.")
    boolean json;

    @Override
    public Integer call() {
        RunStore store = context().runStore();
        Run run = runArg != null ? store.named(runArg)
                : context().resolver(style(), messages(json)).resolve(runOptions.selection(), RunResolver.Mode.READ).run();
        RunSummary summary = store.summarize(run);
        List<RunSummary> all = store.list();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("summary", summary);
            doc.put("config", run.config());
            doc.put("status", run.status());
            doc.put("runs_total", all.size());
            doc.put("latest", store.latestId().orElse(null));
            out().print(Json.pretty(doc));
            return 0;
        }
        Style s = style();
        out().println(s.bold("Run " + run.id()) + (summary.latest() ? s.dim("  (latest)") : "") + "   " + summary.path());
        out().println("  Created:   " + summary.createdAt().replace('T', ' '));
        out().println("  Status:    " + colour(s, summary.overallStatus()) + (run.isSealed() ? s.dim("  (sealed)") : ""));
        out().println("  Contents:  " + summary.contents());
        if (run.config().parentRun() != null) {
            out().println("  Sample of: run " + run.config().parentRun() + s.dim("  (vaa run --from)"));
        }
        out().println();
        out().println(s.bold("Config"));
        out().print(indent(Json.pretty(run.config())));
        if (!run.isLegacy()) {
            RunStatus status = run.status();
            out().println(s.bold("Stages") + s.dim("  (updated " + status.updatedAt().replace('T', ' ') + ")"));
            status.stages().forEach((name, st) -> out().printf("  %-14s %-12s %s%n", name, colour(s, st.status()), stageDetail(st)));
        }
        out().println();
        out().println(s.dim(all.size() + " run" + (all.size() == 1 ? "" : "s") + " in this workspace; latest: "
                + store.latestId().orElse("(none)")));
        return 0;
    }

    private static String stageDetail(StageStatus st) {
        StringBuilder b = new StringBuilder();
        if (st.count() != null) {
            b.append("count ").append(st.count());
        }
        if (st.finishedAt() != null) {
            b.append(b.length() > 0 ? ", " : "").append("finished ").append(st.finishedAt().replace('T', ' '));
        }
        if (st.error() != null) {
            b.append(b.length() > 0 ? ", " : "").append(st.error());
        }
        return b.toString();
    }

    private static String colour(Style s, String status) {
        return switch (status == null ? "" : status) {
            case "completed" -> s.green(status);
            case "failed", "interrupted" -> s.red(status);
            case "running", "in_progress" -> s.yellow(status);
            default -> status;
        };
    }

    private static String indent(String text) {
        return "  " + text.strip().replace("\n", "\n  ") + "\n";
    }
}
