package vaa.cli;

import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vaa.AppContext;
import vaa.assist.AssistOptions;
import vaa.assist.AssistPlan;
import vaa.assist.AssistSession;
import vaa.assist.AssistSetup;
import vaa.assist.InterruptGuard;
import vaa.llm.LlmRuntime;
import vaa.llm.ModelCatalog;
import vaa.llm.Sleeper;
import vaa.ui.AssistConsoleView;
import vaa.ui.JLinePrompter;

@Command(name = "assist", sortOptions = false, subcommands = {AssistCompareCommand.class, AssistListCommand.class},
        description = {"Replay a conversation turn by turn with precomputed state and ask an assist prompt, at every"
                + " customer turn, whether to show the seller a suggestion. Writes experiments/<run>.txt and .jsonl.",
                "With --all or --states: a suite, every selected conversation replayed with the same prompt and model"
                + " (experiments/<suite>/, with summary.json and summary.md); --resume continues one.",
                "vaa assist compare A B: where two suites (or experiments) decide differently. vaa assist list: past runs."})
final class AssistCommand extends BaseCommand {
    @Mixin
    AssistFlags flags;

    @Mixin
    TraceOptions trace;

    @Override
    public Integer call() {
        AppContext ctx = context();
        AssistOptions options = flags.options();
        ModelCatalog catalog = ModelCatalog.load(ctx.workspace());
        AssistConsoleView view = new AssistConsoleView(out(), style());
        AssistSetup setup = new AssistSetup(ctx.workspace(), ctx.env(), ctx.clock(), ctx.interactive(),
                () -> new JLinePrompter(ctx.terminals().reader(), style()), view, catalog);
        Optional<AssistPlan> plan = setup.plan(options);
        if (plan.isEmpty()) {
            return 0;
        }
        try (LlmRuntime runtime = new LlmRuntime(AssistSession.llmOptions(ctx.workspace(), plan.get(), options.cache()),
                trace.open(ctx, messages(false)))) {
            AssistSession session = new AssistSession(ctx.workspace(), ctx.env(), setup, view, catalog, runtime::open, runtime.tracer(),
                    Sleeper.SYSTEM);
            try (InterruptGuard guard = InterruptGuard.install(Thread.currentThread())) {
                ctx.terminals().interruptible(guard::interrupt, () -> {
                    session.runToEnd(plan.get());
                    return null;
                });
            }
        }
        return 0;
    }
}
