package vaa.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vaa.run.Run;
import vaa.run.RunOverview;
import vaa.run.RunResolver;
import vaa.run.RunStore;
import vaa.ui.RunShowView;

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
        RunOverview overview = RunOverview.of(store, run);
        RunShowView view = new RunShowView(out(), style());
        if (json) {
            view.printJson(overview);
        } else {
            view.print(overview);
        }
        return 0;
    }
}
