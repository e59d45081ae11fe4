package vaa.cli;

import java.util.List;
import picocli.CommandLine.Option;
import vaa.assist.AssistOptions;
import vaa.prompt.PromptSources;

/** The choices of {@code vaa assist} as flags: seed 002's, then what makes a suite. */
public final class AssistFlags {
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
    @Option(names = "--run-name", paramLabel = "NAME", description = "Name of the experiment files, or of the suite (default: <model>_<prompt>_v<version>_<time>).")
    String runName;
    @Option(names = {"-y", "--yes"}, description = "Ask nothing: defaults for what is not given, no Proceed? question (needed when not interactive).")
    boolean yes;
    @Option(names = "--delay", paramLabel = "SECONDS", defaultValue = "0.5", description = "Pause between steps (default: ${DEFAULT-VALUE}).")
    double delay;
    @Option(names = "--dry-run", description = "No model calls: the log gets each step's compiled prompt.")
    boolean dryRun;
    @Option(names = "--cache", description = "Reuse cached model answers (off: re-running an experiment asks the model again).")
    boolean cache;
    @Option(names = "--all", description = "Replay every state file under customer_data/ as one suite (with --state FILE: every state file of its campaign).")
    boolean all;
    @Option(names = "--states", paramLabel = "GLOB", description = "Replay the state files matching GLOB as one suite (relative to the workspace, ** crosses folders; repeatable).")
    List<String> states;
    @Option(names = "--workers", paramLabel = "W", description = "Conversations of a suite replayed at once, through one rate limiter (default: 4).")
    Integer workers;
    @Option(names = "--resume", paramLabel = "SUITE", description = "Continue an interrupted suite: finished conversations are not replayed, recorded steps are not asked again.")
    String resume;

    AssistOptions options() {
        return new AssistOptions(prompt, label, version, PromptSources.Mode.parse(promptSource), model, state, runName, yes,
                AssistOptions.delay(delay), dryRun, cache, new AssistOptions.SuiteFlags(all, states, workers, resume));
    }
}
