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
import vaa.ui.AskView;
import vaa.ui.JLineAskConsole;

/** {@code vaa ask}: questions over one run's calls, answered with cited evidence; no question opens a session. */
@Command(name = "ask", description = {"Answer a question about one run from its best-matching calls and its metrics, citing calls.",
        "Answers are saved to reports/asks/. Without a question: an interactive session."})
final class AskCommand extends BaseCommand {
    @Mixin
    RunOptions runOptions;
    @Parameters(arity = "0..*", paramLabel = "QUESTION", description = "The question (quotes optional).")
    List<String> words;
    @Option(names = "--top", paramLabel = "K", defaultValue = "" + AskOptions.DEFAULT_TOP, description = "Calls to retrieve (default: ${DEFAULT-VALUE}).")
    int top;
    @Option(names = "--budget", paramLabel = "TOKENS", defaultValue = "" + AskOptions.DEFAULT_BUDGET, description = "Context budget: metrics + call notes, as characters/4 (default: ${DEFAULT-VALUE}).")
    int budget;
    @Option(names = "--model", paramLabel = "KEY", description = "Catalog key or provider:model-id (default: the catalog's ask model, else its insights model).")
    String model;
    @Option(names = "--prompt", paramLabel = "NAME", description = "Prompt (default: " + AskOptions.DEFAULT_PROMPT + ").")
    String prompt;
    @Option(names = "--prompt-label", paramLabel = "L", description = "Prompt label (default: production).")
    String promptLabel;
    @Option(names = "--prompt-version", paramLabel = "V", description = "Exact prompt version instead of a label.")
    Integer promptVersion;
    @Option(names = "--prompt-source", paramLabel = "SRC", description = "auto (default), langfuse or local.")
    String promptSource;
    @Option(names = "--no-cache", description = "Ask the model again even if this exact prompt was answered before.")
    boolean noCache;
    @Option(names = "--json", description = "Print the saved record to stdout instead of the answer.")
    boolean json;
    @Mixin TraceOptions trace;

    @Override
    public Integer call() {
        AppContext ctx = context();
        String question = words == null ? "" : String.join(" ", words).strip();
        if (question.isEmpty() && (json || !ctx.interactive())) {
            throw VaaException.usage("No question given: vaa ask \"Why do calls fail?\" (in a terminal, vaa ask alone opens a session)");
        }
        AskSetup setup = new AskSetup(ctx.env(), ctx.workspace(), ctx.clock(), new AskOptions(top, budget, model, prompt,
                promptLabel, promptVersion, promptSource, noCache), messages(json), trace.open(ctx, messages(json)));
        Run run = ctx.resolver(style(), messages(json)).resolve(runOptions.selection(), RunResolver.Mode.READ).run();
        RunStore store = ctx.runStore();
        if (question.isEmpty()) {
            AskSession.Runs runs = AskSession.Runs.of(store);
            try (JLineAskConsole console = new JLineAskConsole(ctx.terminals().terminal(),
                    ctx.workspace().resolve(JLineAskConsole.HISTORY_FILE), style(), store::displayPath, runs::ids)) {
                new AskSession(setup, console, runs).run(run);
            }
            return 0;
        }
        AskView view = new AskView(out(), style(), store::displayPath);
        AskResult result = AskEngine.askOnce(run, setup, question, json ? AskListener.NONE : view);
        if (json) {
            out().print(Json.pretty(result.record()));
        } else {
            view.answered(result);
        }
        return 0;
    }
}
