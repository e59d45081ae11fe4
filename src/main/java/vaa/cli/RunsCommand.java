package vaa.cli;

import picocli.CommandLine.Command;

/** {@code vaa runs}: the runs of this workspace. */
@Command(name = "runs", description = "List and inspect runs.",
        subcommands = {RunsListCommand.class, RunsShowCommand.class})
final class RunsCommand extends BaseCommand {
    @Override
    public Integer call() {
        spec.commandLine().usage(err());
        return 2;
    }
}
