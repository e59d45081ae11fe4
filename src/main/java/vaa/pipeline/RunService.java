package vaa.pipeline;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import vaa.VaaException;
import vaa.analysis.AnalyzeStage;
import vaa.io.Env;
import vaa.io.MessageSink;
import vaa.io.ProgressSink;
import vaa.llm.ModelCatalog;
import vaa.llm.Tracer;
import vaa.prompt.PromptSources;
import vaa.run.Run;
import vaa.run.RunLock;
import vaa.run.RunResolver;
import vaa.run.RunSelection;
import vaa.run.RunStore;
import vaa.run.Stage;
import vaa.sample.DefaultSource;
import vaa.sample.Sampler;

/**
 * {@code vaa run} without the terminal. Everything it was given is checked before a run is found
 * or made, so a refused command leaves no run behind and moves no pointer; then the pipeline runs
 * under the run's lock, and a failure says which stage stopped and how to resume.
 */
public final class RunService {
    /** What was asked: the pipeline options, which run, whether to resume, and {@code --from}'s run (null when not forking). */
    public record Request(Pipeline.Options options, RunSelection selection, boolean resume, String from) {}

    /** The run to work on, every option checked; {@code parent} is the run forked from, or null. */
    public record Prepared(Run run, Run parent, Request request) {}

    private final Env env;
    private final Path workspace;
    private final Optional<Path> home;
    private final RunStore store;
    private final Supplier<RunResolver> resolver;
    private final MessageSink messages;

    /** The resolver is asked for only once the checks pass: building it may look up the terminal's name. */
    public RunService(Env env, Path workspace, Optional<Path> home, RunStore store, Supplier<RunResolver> resolver, MessageSink messages) {
        this.env = env;
        this.workspace = workspace;
        this.home = home;
        this.store = store;
        this.resolver = resolver;
        this.messages = messages;
    }

    /** Checks the request, then finds (or, for a new run, makes) the run. */
    public Prepared prepare(Request r) {
        Pipeline.Options o = r.options();
        Run parent = r.from() == null ? null : forkParent(r);
        if (parent == null && !r.resume() && o.stages().contains(Stage.SAMPLING)) {
            if (o.source() == null) {
                // the workspace's customer_data/, else the demo data installed with vaa (said in one line)
                o = o.withSource(DefaultSource.resolve(workspace, home, messages));
                r = new Request(o, r.selection(), r.resume(), r.from());
            }
            Sampler.checkInput(o.n() == null ? Pipeline.DEFAULT_N : o.n(), o.source(), workspace);
        }
        checkModelsAndPromptSource(o);
        if (r.resume()) {
            // resuming names a run that exists: never one made here, with arguments nobody gave
            Run run = resolver.get().resolve(r.selection(), RunResolver.Mode.RESUME).run();
            Pipeline.requireResumable(run);
            return new Prepared(run, null, r);
        }
        Map<String, Object> args = Pipeline.startArgs(o, parent);
        Run run = resolver.get().resolve(r.selection(), RunResolver.Mode.NEW_BY_DEFAULT,
                c -> parent == null ? c.withArgs(args) : c.withArgs(args).withParent(parent.id())).run();
        return new Prepared(run, parent, r);
    }

    /** Runs the pipeline on a prepared run; {@code cancelled} asks it to stop cleanly; {@code tracer} records the model calls. */
    public Pipeline.Result execute(Prepared p, ProgressSink progress, BooleanSupplier cancelled, Tracer tracer) {
        Run run = p.run();
        try (RunLock lock = run.lock()) {
            Pipeline pipeline = new Pipeline(env, workspace, messages, progress, cancelled, tracer);
            try {
                return p.parent() != null ? pipeline.fork(p.parent(), run, p.request().options())
                        : pipeline.run(run, p.request().options(), p.request().resume());
            } catch (VaaException e) {
                Stage stopped = firstUnfinished(run);
                // the reason last, where the eye lands: what to fix (a rejected key, a missing model) is the last line
                throw new VaaException(e.exitCode(), (stopped == null ? "Stopped" : "Stage " + stopped.key() + " stopped")
                        + "; resume with: vaa run " + run.selector() + " --resume\n" + e.getMessage(), e);
            }
        }
    }

    /** --from makes a new run: checked before one is created, so a mistake leaves no empty run behind. */
    private Run forkParent(Request r) {
        RunSelection sel = r.selection();
        if (r.resume() || sel.runDir() != null || sel.legacy()) {
            throw VaaException.usage("--from starts a new run; it cannot be combined with --resume, --run-dir or --legacy.");
        }
        if (sel.runId() != null && store.find(sel.runId()).isPresent()) {
            throw VaaException.usage("Run " + sel.runId() + " exists already; --from starts a new run, so choose another --run-id.");
        }
        Run parent = store.named(r.from());
        Pipeline.requireForkable(parent, r.options());
        return parent;
    }

    /**
     * The keys given on this command line (a key recorded in a resumed run is left to its stage).
     * The catalog is read only when a key is given, so without one a broken vaa-models.json still
     * fails in the stage that needs it.
     */
    private void checkModelsAndPromptSource(Pipeline.Options o) {
        PromptSources.Mode.parse(o.promptOptions() == null ? null : o.promptOptions().promptSource());
        ModelCatalog catalog = null;
        boolean estimate = o.promptOptions() != null && o.promptOptions().estimate();
        for (String key : new String[] {o.model(), o.insightsModel()}) {
            if (key != null && !key.isBlank()) {
                catalog = catalog == null ? ModelCatalog.load(workspace) : catalog;
                if (estimate) {
                    catalog.entry(key.strip());   // an estimate needs no key
                } else {
                    // its key too: a run made before a missing key is found would be left sampled and stopped
                    catalog.resolve(key.strip(), env);
                }
            }
        }
        if (o.promptOptions() != null && Boolean.TRUE.equals(o.promptOptions().batch())) {
            // refused before the sample is drawn, not after it (the stage checks again, with the model a resume recorded)
            catalog = catalog == null ? ModelCatalog.load(workspace) : catalog;
            String key = o.model() != null && !o.model().isBlank() ? o.model().strip() : catalog.defaults().get(ModelCatalog.ANALYSIS);
            if (key != null) {
                AnalyzeStage.checkBatch(catalog, catalog.entry(key), o.promptOptions().maxCostUsd());
            }
        }
    }

    private static Stage firstUnfinished(Run run) {
        for (Stage s : Stage.values()) {
            if (!run.status().stage(s).isCompleted()) {
                return s;
            }
        }
        return null;
    }
}
