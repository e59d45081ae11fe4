package vaa.cli;

import picocli.CommandLine.Option;
import vaa.analysis.AnalyzeStage;

/** The analysis options {@code vaa analyze} and {@code vaa run} share. */
public final class AnalysisOptions {
    @Option(names = "--workers", paramLabel = "W", description = "Model requests in flight at once (default: 4).")
    Integer workers;

    @Option(names = "--model", paramLabel = "KEY", description = "Analysis model: a catalog key or provider:model-id (default: the catalog's analysis model; see vaa models list).")
    String model;

    @Option(names = "--prompt", paramLabel = "NAME", description = "Analysis prompt name (default: " + AnalyzeStage.DEFAULT_PROMPT + ").")
    String prompt;

    @Option(names = "--prompt-label", paramLabel = "LABEL", description = "Prompt label to fetch (default: production).")
    String promptLabel;

    @Option(names = "--prompt-version", paramLabel = "V", description = "Prompt version to fetch (instead of a label).")
    Integer promptVersion;

    @Option(names = "--prompt-source", paramLabel = "SRC", defaultValue = "auto", description = "auto (Langfuse when configured, else local), langfuse or local.")
    String promptSource;

    @Option(names = "--retry-failed", description = "Try again the calls whose analysis failed before.")
    boolean retryFailed;

    @Option(names = "--truncate", description = "Judge a transcript too large for the model's context window on its start"
            + " and end (the middle left out, recorded in the analysis) instead of failing it.")
    boolean truncate;

    @Option(names = "--max-cost", paramLabel = "USD", description = "Stop before the run's model calls cost more than USD (earlier"
            + " invocations count); the rest stays for a resume with a higher limit. Needs the model's price in the catalog.")
    Double maxCost;

    @Option(names = "--estimate", description = "Only say how many calls, tokens and dollars judging would take; call no model.")
    boolean estimate;

    @Option(names = "--batch", negatable = true, description = "Judge through the provider's Batch API (about half price, results"
            + " within 24 h; resumable). Stays with the run; --no-batch turns it off.")
    Boolean batch;

    AnalyzeStage.Options toStageOptions(Integer limit) {
        if (workers != null && workers < 1) {
            throw vaa.VaaException.usage("--workers must be at least 1");
        }
        if (maxCost != null && !(maxCost > 0)) {
            throw vaa.VaaException.usage("--max-cost must be a positive amount of USD, got " + maxCost);
        }
        return new AnalyzeStage.Options(model, prompt, promptLabel, promptVersion, promptSource, workers == null ? 4 : workers,
                limit, retryFailed, truncate, maxCost, estimate, batch);
    }
}
