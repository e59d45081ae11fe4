package vaa.cli;

import picocli.CommandLine.Command;

/** {@code vaa runs}: the runs of this workspace. */
@Command(name = "runs", description = "List, inspect, compare, export, query, seal and migrate runs.",
        subcommands = {RunsListCommand.class, RunsShowCommand.class, RunsCompareCommand.class, RunsExportCommand.class, RunsQueryCommand.class,
                RunsSealCommand.class, RunsMigrateCommand.class})
final class RunsCommand extends BaseCommand {
    @Override
    public Integer call() {
        spec.commandLine().usage(err());
        return 2;
    }
}
