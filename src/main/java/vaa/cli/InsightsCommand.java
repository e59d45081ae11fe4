package vaa.cli;

import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vaa.insights.InsightsReport;
import vaa.insights.InsightsStage;
import vaa.io.Json;
import vaa.run.Run;
import vaa.run.RunLock;
import vaa.ui.InsightsView;
import vaa.ui.Interrupts;

/** {@code vaa insights}: stage 5, themes and recommendations into reports/insights.json and insights.md. */
@Command(name = "insights", description = "Synthesise themes and recommendations from the metrics and the calls' notes (stage 5)."
        + " Without a model, computes them from the metrics and says so.")
final class InsightsCommand extends BaseCommand {
    @Mixin
    RunOptions runOptions;

    @Option(names = "--model", paramLabel = "KEY", description = "Insights model: a catalog key or provider:model-id"
            + " (default: the catalog's insights model; see vaa models list).")
    String model;

    @Option(names = "--prompt", paramLabel = "NAME", description = "Insights prompt (default: " + InsightsStage.DEFAULT_PROMPT + ").")
    String prompt;

    @Option(names = "--chunk-prompt", paramLabel = "NAME", description = "Prompt that summarises one batch when the notes exceed"
            + " the context budget (default: " + InsightsStage.DEFAULT_CHUNK_PROMPT + ").")
    String chunkPrompt;

    @Option(names = "--prompt-label", paramLabel = "LABEL", description = "Prompt label to fetch, for both prompts (default: production).")
    String promptLabel;

    @Option(names = "--prompt-version", paramLabel = "V", description = "Version of the insights prompt to fetch (instead of a label).")
    Integer promptVersion;

    @Option(names = "--prompt-source", paramLabel = "SRC", defaultValue = "auto", description = "auto (Langfuse when configured, else local), langfuse or local.")
    String promptSource;

    @Option(names = "--context-budget", paramLabel = "TOKENS", description = "Most prompt tokens per request, estimated as characters/4"
            + " (default: by model, e.g. 200000 for Gemini). Larger notes are summarised in batches and merged.")
    Integer contextBudget;

    @Option(names = "--workers", paramLabel = "W", defaultValue = "4", description = "Batch requests in flight at once (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--json", description = "Print insights.json to stdout.")
    boolean json;

    @Mixin
    TraceOptions trace;

    @Override
    public Integer call() {
        InsightsStage.Options options = new InsightsStage.Options(model, prompt, chunkPrompt, promptLabel, promptVersion,
                promptSource, contextBudget, workers);
        Optional<Run> target = runToCompute(runOptions, json, true, r -> r.reportsDir().resolve("insights.json"));
        if (target.isEmpty()) {
            return 0;
        }
        Run run = target.get();
        InsightsReport r;
        try (RunLock lock = run.lock();
             Interrupts interrupts = Interrupts.forRun(err(), "requests", run, "vaa insights " + run.selector())) {
            r = new InsightsStage(context().env(), context().workspace(), messages(json), interrupts::requested,
                    trace.open(context(), messages(json))).run(run, options);
        }
        out().print(json ? Json.pretty(r) : InsightsView.render(style(), context().runStore()::displayPath, run, r));
        return 0;
    }
}
