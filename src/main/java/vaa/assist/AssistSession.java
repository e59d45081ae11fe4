package vaa.assist;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import vaa.VaaException;
import vaa.io.Env;
import vaa.llm.LlmClient;
import vaa.llm.LlmOptions;
import vaa.llm.ModelCatalog;
import vaa.llm.ResolvedModel;
import vaa.llm.Sleeper;
import vaa.llm.Tracer;

/** One {@code vaa assist}: setup, then the experiment (or the suite), then the closing summary. */
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
    private final Tracer tracer;

    /**
     * @param clients opens a client for the chosen model (the command passes {@code LlmRuntime::open});
     *                never called for a dry run
     * @param tracer  records the experiments (the one the clients' runtime records their calls with)
     */
    public AssistSession(Path workspace, Env env, AssistSetup setup, AssistListener view, ModelCatalog catalog,
                         Function<ResolvedModel, LlmClient> clients, Tracer tracer, Sleeper sleeper) {
        this.workspace = workspace;
        this.env = env;
        this.setup = setup;
        this.view = view;
        this.catalog = catalog;
        this.clients = clients;
        this.sleeper = sleeper;
        this.tracer = tracer;
    }

    /** The setup screens; empty when the user answered no to Proceed?. */
    public Optional<AssistPlan> setup(AssistOptions options) {
        return setup.plan(options);
    }

    /**
     * How the model clients of a plan are built: one request at a time for one conversation (cached
     * only with {@code --cache}); {@code workers} at once for a suite, always cached (see {@link SuitePlan#cacheDir}).
     */
    public static LlmOptions llmOptions(Path workspace, AssistPlan plan, boolean cacheFlag) {
        LlmOptions defaults = LlmOptions.defaults();
        if (plan instanceof SuitePlan suite) {
            return defaults.withWorkers(suite.workers()).withCacheDir(suite.cacheDir(workspace));
        }
        return cacheFlag ? defaults.withWorkers(1).withCacheDir(workspace.resolve(AssistOptions.SHARED_CACHE))
                : defaults.withWorkers(1);
    }

    /**
     * Runs the plan on the calling thread (the one Ctrl+C interrupts) and ends the way the command
     * exits: an interrupted run, or one in which the model answered no step at all, throws.
     */
    public void runToEnd(AssistPlan plan) {
        if (plan instanceof SuitePlan suite) {
            SuiteResult r = run(suite);
            SuiteSummary.Totals overall = r.summary().overall();
            if (r.interrupted()) {
                throw new VaaException(VaaException.INTERRUPTED, "Interrupted: " + overall.finished() + " of "
                        + overall.conversations() + " conversations finished; continue with: vaa assist --resume " + suite.runName());
            }
            if (!r.errors().isEmpty()) {
                throw VaaException.failure(r.errors().size() + " conversation" + (r.errors().size() == 1 ? "" : "s")
                        + " could not be replayed; first: " + r.errors().get(0));
            }
            if (!suite.dryRun() && overall.run() > 0 && overall.answered() == 0) {
                throw VaaException.failure("No step got an answer from the model (" + overall.failed() + " failed); see "
                        + r.summaryMarkdown());
            }
            return;
        }
        Outcome outcome = run((ExperimentPlan) plan);
        ExperimentResult result = outcome.result();
        if (result.interrupted().isPresent()) {
            throw new VaaException(VaaException.INTERRUPTED, "Interrupted at step " + result.interruptedAt()
                    + " of " + result.total() + "; the log so far is in " + outcome.log());
        }
        if (!result.dryRun() && result.completed() == 0) {
            throw VaaException.failure("No step got an answer from the model (" + result.failed() + " failed); see " + outcome.log());
        }
    }

    /** Runs a planned suite; the calling thread is the one Ctrl+C interrupts. */
    public SuiteResult run(SuitePlan plan) {
        LlmClient client = plan.dryRun() ? null : clients.apply(catalog.resolve(plan.model().key(), env));
        view.ok("Saving results to " + StateFiles.display(workspace, plan.dir(workspace)) + "/");
        view.header((plan.dryRun() ? "Running Suite (dry run)" : "Running Suite") + " \u00b7 " + plan.conversations().size()
                + " conversations, " + plan.workers() + " at once");
        SuiteResult result = new SuiteRunner(workspace, plan, client, view, sleeper, tracer).run();
        view.suiteFinished(result);
        return result;
    }

    /** Runs a planned experiment; the calling thread is the one Ctrl+C interrupts. */
    public Outcome run(ExperimentPlan plan) {
        LlmClient client = plan.dryRun() ? null : clients.apply(catalog.resolve(plan.model().key(), env));
        try (ExperimentFiles files = ExperimentFiles.create(workspace, plan.runName())) {
            String log = StateFiles.display(workspace, files.log());
            String records = StateFiles.display(workspace, files.records());
            view.ok("Saving results to " + log);
            view.header(plan.dryRun() ? "Running Experiment (dry run)" : "Running Experiment");
            ExperimentRunner runner = new ExperimentRunner(plan, client, files, view, sleeper, tracer, plan.runName());
            ExperimentResult result = runner.run();
            view.finished(result, log, records);
            return new Outcome(plan, result, log, records, runner.overheadNanos());
        }
    }
}
