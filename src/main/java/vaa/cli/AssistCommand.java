package vaa.cli;

import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vaa.AppContext;
import vaa.VaaException;
import vaa.assist.AssistOptions;
import vaa.assist.AssistSession;
import vaa.assist.AssistSetup;
import vaa.assist.ExperimentPlan;
import vaa.assist.ExperimentResult;
import vaa.assist.InterruptGuard;
import vaa.llm.LlmOptions;
import vaa.llm.LlmRuntime;
import vaa.llm.ModelCatalog;
import vaa.llm.Sleeper;
import vaa.prompt.PromptSources;
import vaa.ui.AssistConsoleView;
import vaa.ui.JLinePrompter;

@Command(name = "assist", sortOptions = false,
        description = "Replay a conversation turn by turn with precomputed state and ask an assist prompt, at every"
                + " customer turn, whether to show the seller a suggestion. Writes experiments/<run>.txt and .jsonl.")
final class AssistCommand extends BaseCommand {
    @Option(names = "--prompt", paramLabel = "NAME", description = "Assist prompt (default: " + AssistOptions.DEFAULT_PROMPT + ").")
    String prompt;
    @Option(names = {"--prompt-label", "--label"}, paramLabel = "L", description = "Prompt label (default: production).")
    String label;
    @Option(names = "--prompt-version", paramLabel = "V", description = "Exact prompt version instead of a label.")
    Integer version;
    @Option(names = "--prompt-source", paramLabel = "auto|langfuse|local", description = "Where prompts come from (default: auto).")
    String promptSource;
    @Option(names = "--model", paramLabel = "KEY", description = "Catalog key or <provider>:<model-id> (default: the catalog's assist model, 3).")
    String model;
    @Option(names = "--state", paramLabel = "FILE", description = "The *.state.json to replay (asked from customer_data/ when interactive).")
    String state;
    @Option(names = "--run-name", paramLabel = "NAME", description = "Name of the experiment files (default: <model>_<prompt>_v<version>_<time>).")
    String runName;
    @Option(names = {"-y", "--yes"}, description = "Ask nothing: defaults for what is not given, no Proceed? question (needed when not interactive).")
    boolean yes;
    @Option(names = "--delay", paramLabel = "SECONDS", defaultValue = "0.5", description = "Pause between steps (default: ${DEFAULT-VALUE}).")
    double delay;
    @Option(names = "--dry-run", description = "No model calls: the log gets each step's compiled prompt.")
    boolean dryRun;
    @Option(names = "--cache", description = "Reuse cached model answers (off: re-running an experiment asks the model again).")
    boolean cache;

    @Override
    public Integer call() {
        AppContext ctx = context();
        AssistOptions options = new AssistOptions(prompt, label, version, PromptSources.Mode.parse(promptSource), model,
                state, runName, yes, AssistOptions.delay(delay), dryRun, cache);
        ModelCatalog catalog = ModelCatalog.load(ctx.workspace());
        AssistConsoleView view = new AssistConsoleView(out(), style());
        AssistSetup setup = new AssistSetup(ctx.workspace(), ctx.env(), ctx.clock(), ctx.interactive(),
                () -> new JLinePrompter(ctx.terminals().reader(), style()), view, catalog);
        LlmOptions llm = LlmOptions.defaults().withWorkers(1);
        try (LlmRuntime runtime = new LlmRuntime(cache ? llm.withCacheDir(ctx.workspace().resolve(".vaa/cache/llm")) : llm)) {
            AssistSession session = new AssistSession(ctx.workspace(), ctx.env(), setup, view, catalog, runtime::open, Sleeper.SYSTEM);
            Optional<ExperimentPlan> plan = session.setup(options);
            if (plan.isEmpty()) {
                return 0;
            }
            AssistSession.Outcome outcome;
            try (InterruptGuard guard = InterruptGuard.install(Thread.currentThread())) {
                outcome = ctx.terminals().interruptible(guard::interrupt, () -> session.run(plan.get()));
            }
            ExperimentResult result = outcome.result();
            if (result.interrupted().isPresent()) {
                throw new VaaException(VaaException.INTERRUPTED, "Interrupted at step " + result.interruptedAt()
                        + " of " + result.total() + "; the log so far is in " + outcome.log());
            }
            if (!result.dryRun() && result.completed() == 0) {
                throw VaaException.failure("No step got an answer from the model (" + result.failed() + " failed); see " + outcome.log());
            }
            return 0;
        }
    }
}
