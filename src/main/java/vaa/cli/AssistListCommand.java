package vaa.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vaa.assist.ExperimentListing;
import vaa.io.Json;
import vaa.ui.AssistListView;

/** {@code vaa assist list}: past experiments and suites in experiments/. Reads only. */
@Command(name = "list", description = "List past assist experiments and suites: name, prompt and version, model,"
        + " conversations, show rate, when last written (newest first).")
final class AssistListCommand extends BaseCommand {
    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    @Override
    public Integer call() {
        List<ExperimentListing> all = ExperimentListing.list(context().workspace(), context().clock().getZone());
        out().print(json ? Json.pretty(all) : new AssistListView(style()).render(all));
        out().flush();
        return 0;
    }
}
