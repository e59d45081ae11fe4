package vaa.assist;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import vaa.io.Env;
import vaa.llm.LlmClient;
import vaa.llm.ModelCatalog;
import vaa.llm.ResolvedModel;
import vaa.llm.Sleeper;

/** One {@code vaa assist}: setup, then the experiment, then the closing summary. */
public final class AssistSession {
    /**
     * A finished (or interrupted) experiment; {@code log} and {@code records} as shown to the user.
     * {@code overheadNanos} is vaa's own time per finished step, the model call left out.
     */
    public record Outcome(ExperimentPlan plan, ExperimentResult result, String log, String records,
                          List<Long> overheadNanos) {}

    private final Path workspace;
    private final Env env;
    private final AssistSetup setup;
    private final AssistListener view;
    private final ModelCatalog catalog;
    private final Function<ResolvedModel, LlmClient> clients;
    private final Sleeper sleeper;

    /**
     * @param clients opens a client for the chosen model (the command passes {@code LlmRuntime::open});
     *                never called for a dry run
     */
    public AssistSession(Path workspace, Env env, AssistSetup setup, AssistListener view, ModelCatalog catalog,
                         Function<ResolvedModel, LlmClient> clients, Sleeper sleeper) {
        this.workspace = workspace;
        this.env = env;
        this.setup = setup;
        this.view = view;
        this.catalog = catalog;
        this.clients = clients;
        this.sleeper = sleeper;
    }

    /** The setup screens; empty when the user answered no to Proceed?. */
    public Optional<ExperimentPlan> setup(AssistOptions options) {
        return setup.plan(options);
    }

    /** Runs a planned experiment; the calling thread is the one Ctrl+C interrupts. */
    public Outcome run(ExperimentPlan plan) {
        LlmClient client = plan.dryRun() ? null : clients.apply(catalog.resolve(plan.model().key(), env));
        try (ExperimentFiles files = ExperimentFiles.create(workspace, plan.runName())) {
            String log = StateFiles.display(workspace, files.log());
            String records = StateFiles.display(workspace, files.records());
            view.ok("Saving results to " + log);
            view.header(plan.dryRun() ? "Running Experiment (dry run)" : "Running Experiment");
            ExperimentRunner runner = new ExperimentRunner(plan, client, files, view, sleeper);
            ExperimentResult result = runner.run();
            view.finished(result, log, records);
            return new Outcome(plan, result, log, records, runner.overheadNanos());
        }
    }
}
