package vaa.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vaa.AppContext;
import vaa.VaaException;
import vaa.ask.AskEngine;
import vaa.ask.AskListener;
import vaa.ask.AskOptions;
import vaa.ask.AskResult;
import vaa.ask.AskSession;
import vaa.ask.AskSetup;
import vaa.io.Json;
import vaa.run.Run;
import vaa.run.RunResolver;
import vaa.run.RunStore;
import vaa.run.RunSummary;
import vaa.ui.AskView;
import vaa.ui.JLineAskConsole;

/** {@code vaa ask}: questions over one run's calls, answered with cited evidence; no question opens a session. */
@Command(name = "ask", description = {"Answer a question from one run's calls: the best-matching calls (BM25) and the run's metrics",
        "go to the model, the answer cites calls as [call_id], saved to reports/asks/. No question: an interactive session."})
final class AskCommand extends BaseCommand {
    @Mixin
    RunOptions runOptions;
    @Parameters(arity = "0..*", paramLabel = "QUESTION", description = "The question (quotes optional).")
    List<String> words;
    @Option(names = "--top", paramLabel = "K", defaultValue = "" + AskOptions.DEFAULT_TOP, description = "How many calls to retrieve (default: ${DEFAULT-VALUE}).")
    int top;
    @Option(names = "--budget", paramLabel = "TOKENS", defaultValue = "" + AskOptions.DEFAULT_BUDGET, description = "Most tokens of metrics + call notes in the context, estimated as characters/4 (default: ${DEFAULT-VALUE}).")
    int budget;
    @Option(names = "--model", paramLabel = "KEY", description = "Catalog key or provider:model-id (default: the catalog's ask model, else its insights model).")
    String model;
    @Option(names = "--prompt", paramLabel = "NAME", description = "Prompt (default: " + AskOptions.DEFAULT_PROMPT + ").")
    String prompt;
    @Option(names = "--prompt-label", paramLabel = "L", description = "Prompt label (default: production).")
    String promptLabel;
    @Option(names = "--prompt-version", paramLabel = "V", description = "Exact prompt version instead of a label.")
    Integer promptVersion;
    @Option(names = "--prompt-source", paramLabel = "SRC", description = "auto (Langfuse when configured, else local), langfuse or local.")
    String promptSource;
    @Option(names = "--no-cache", description = "Ask the model again even when this exact prompt was answered before.")
    boolean noCache;
    @Option(names = "--json", description = "Print the saved record to stdout instead of the answer.")
    boolean json;

    @Override
    public Integer call() {
        AppContext ctx = context();
        String question = words == null ? "" : String.join(" ", words).strip();
        if (question.isEmpty() && (json || !ctx.interactive())) {
            throw VaaException.usage("No question given. Ask one: vaa ask \"Why do calls fail?\"" + (json ? "" : " (without one, in a terminal, vaa ask opens an interactive session)"));
        }
        AskOptions options = new AskOptions(top, budget, model, prompt, promptLabel, promptVersion, promptSource, noCache);
        AskSetup setup = new AskSetup(ctx.env(), ctx.workspace(), ctx.clock(), options, messages(json));
        Run run = ctx.resolver(style(), messages(json)).resolve(runOptions.selection(), RunResolver.Mode.EXISTING).run();
        RunStore store = ctx.runStore();
        if (question.isEmpty()) {
            try (JLineAskConsole console = new JLineAskConsole(ctx.terminals().terminal(), ctx.workspace().resolve(JLineAskConsole.HISTORY_FILE),
                    style(), store::displayPath, () -> ids(store))) {
                new AskSession(setup, console, new AskSession.Runs() {
                    public Run named(String idOrPath) {
                        return store.named(idOrPath);
                    }

                    public List<String> ids() {
                        return AskCommand.ids(store);
                    }
                }).run(run);
            }
            return 0;
        }
        AskView view = new AskView(out(), style(), store::displayPath);
        try (AskEngine engine = AskEngine.open(run, setup)) {
            AskResult result = engine.ask(question, json ? AskListener.NONE : view);
            if (json) {
                out().print(Json.pretty(result.record()));
            } else {
                view.answered(result);
            }
        }
        return 0;
    }

    private static List<String> ids(RunStore store) {
        return store.list().stream().map(RunSummary::id).toList();
    }
}
