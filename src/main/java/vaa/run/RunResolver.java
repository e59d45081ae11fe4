package vaa.run;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import vaa.VaaException;
import vaa.io.MessageSink;

/**
 * Decides which run a command works on, in the order of seed 000:
 * {@code --run-dir} > {@code --run-id} > {@code $LAST_RUN} > {@code .last_run.<tty>} > {@code .last_run} > legacy.
 * Interactively a pointer is confirmed by the user. In scripts, commands that only read follow the pointer (then
 * {@code runs/latest}) and say so on stderr, as seed 000 says for cron and scripts; commands that write must be
 * told the run, so that a script never writes into a run it did not name. A command that only reads never creates a run.
 */
public final class RunResolver {
    public static final String NON_INTERACTIVE =
            "Non-interactive mode requires explicit --run-id or --run-dir";

    /**
     * READ: only reads an existing run (never creates one; follows pointers in scripts). EXISTING: writes into an
     * existing run ({@code --run-id} may name a new one, as the seed has it). RESUME: continues an existing run, so it
     * never creates one. NEW_BY_DEFAULT: starts a new run unless one is named ({@code --run-id} may name a new one).
     */
    public enum Mode { READ, EXISTING, RESUME, NEW_BY_DEFAULT }

    /**
     * The run and how it was found; {@code created} when this resolution made it; {@code followed} when a script's
     * read followed a pointer nobody confirmed (such a run may be read, not written: see {@link #requireNamed}).
     */
    public record Resolved(Run run, String via, boolean created, boolean followed) {
        Resolved(Run run, String via, boolean created) {
            this(run, via, created, false);
        }
    }

    private final RunStore store;
    private final LastRunPointers pointers;
    private final Optional<String> lastRunEnv;
    private final boolean interactive;
    private final Supplier<RunPrompter> prompter;
    private final MessageSink messages;

    public RunResolver(RunStore store, LastRunPointers pointers, Optional<String> lastRunEnv, boolean interactive,
                       Supplier<RunPrompter> prompter, MessageSink messages) {
        this.store = store;
        this.pointers = pointers;
        this.lastRunEnv = lastRunEnv.filter(s -> !s.isBlank()).map(String::strip);
        this.interactive = interactive;
        this.prompter = prompter;
        this.messages = messages;
    }

    public Resolved resolve(RunSelection sel, Mode mode) {
        return resolve(sel, mode, UnaryOperator.identity());
    }

    /** As {@link #resolve(RunSelection, Mode)}; a run it creates has config.json as {@code newRunConfig} makes it. */
    public Resolved resolve(RunSelection sel, Mode mode, UnaryOperator<RunConfig> newRunConfig) {
        if (sel.legacy() && (sel.runDir() != null || sel.runId() != null)) {
            throw VaaException.usage("--legacy cannot be combined with --run-dir or --run-id");
        }
        if (sel.runDir() != null) {
            return new Resolved(store.open(sel.runDir()), "--run-dir", false);
        }
        if (sel.runId() != null) {
            if (sel.runId().equals(RunIds.MIGRATED) && store.find(RunIds.MIGRATED).isPresent()) {
                return new Resolved(store.find(RunIds.MIGRATED).get(), "--run-id", false);
            }
            String id = RunIds.requireValid(sel.runId());
            Optional<Run> existing = store.find(id);
            if (existing.isPresent()) {
                return new Resolved(existing.get(), "--run-id", false);
            }
            if (mode == Mode.READ || mode == Mode.RESUME) {
                throw noSuchRun(id);
            }
            return created(store.tryCreate(id, newRunConfig).orElseGet(() -> store.find(id).orElseThrow()), "--run-id");
        }
        if (sel.legacy()) {
            return new Resolved(store.legacy(), "--legacy", false);
        }
        if (mode == Mode.NEW_BY_DEFAULT) {
            return created(store.createGenerated(newRunConfig), "new");
        }
        if (lastRunEnv.isPresent()) {
            return new Resolved(fromLastRunEnv(lastRunEnv.get()), "$LAST_RUN", false);
        }
        if (!interactive) {
            return mode == Mode.READ ? followPointer() : refuseUnnamed();
        }
        Optional<LastRunPointers.Pointer> pointer = pointers.read();
        Optional<Run> pointed = pointer.flatMap(this::follow);
        if (pointed.isPresent()) {
            switch (prompter.get().confirmContinue(store.summarize(pointed.get()), pointer.get().fileName())) {
                case CONTINUE:
                    return new Resolved(pointed.get(), pointer.get().fileName(), false);
                case QUIT:
                    throw quit();
                default:
                    break;
            }
        }
        return fromMenu(mode, newRunConfig);
    }

    private Resolved fromMenu(Mode mode, UnaryOperator<RunConfig> newRunConfig) {
        RunPrompter.Selection choice = prompter.get().select(store.list(), id -> RunIds.isValid(id));
        if (mode == Mode.RESUME && (choice instanceof RunPrompter.NewRun
                || choice instanceof RunPrompter.CustomRun c && store.find(RunIds.requireValid(c.id())).isEmpty())) {
            throw VaaException.usage("A new run has nothing to resume; pick an existing run (vaa runs list), or start one without --resume.");
        }
        if (choice instanceof RunPrompter.NewRun) {
            return created(store.createGenerated(newRunConfig), "menu");
        }
        if (choice instanceof RunPrompter.CustomRun custom) {
            String id = RunIds.requireValid(custom.id());
            Optional<Run> existing = store.find(id);
            if (existing.isPresent()) {
                return new Resolved(existing.get(), "menu", false);
            }
            return created(store.tryCreate(id, newRunConfig).orElseGet(() -> store.find(id).orElseThrow()), "menu");
        }
        if (choice instanceof RunPrompter.ExistingRun existing) {
            Run run = store.find(existing.id()).orElseThrow(() -> VaaException.usage("Run not found: " + existing.id()));
            pointers.write(run.id());
            return new Resolved(run, "menu", false);
        }
        if (choice instanceof RunPrompter.Legacy) {
            return new Resolved(store.legacy(), "menu", false);
        }
        throw quit();
    }

    /** A script reading results: the last run this workspace made, said on stderr so the reader knows which. */
    private Resolved followPointer() {
        Optional<LastRunPointers.Pointer> pointer = pointers.read();
        Optional<Run> run = pointer.flatMap(this::follow);
        if (run.isPresent()) {
            messages.note("Using run " + run.get().id() + " (from " + pointer.get().fileName() + ")");
            return new Resolved(run.get(), pointer.get().fileName(), false, true);
        }
        Optional<Run> latest = store.latestId().flatMap(store::find);
        if (latest.isPresent()) {
            messages.note("Using run " + latest.get().id() + " (from runs/latest)");
            return new Resolved(latest.get(), "runs/latest", false, true);
        }
        throw VaaException.usage(NON_INTERACTIVE + "\nThis workspace has no runs yet; start one with: vaa run -n 20");
    }

    /** A command that found its run for reading and now has to write into it: a script must have named it. */
    public Run requireNamed(Resolved resolved) {
        if (resolved.followed()) {
            refuseUnnamed();
        }
        return resolved.run();
    }

    /** Writing needs the run named; the guard's first line is seed 000's, the next says how to name the last run. */
    private Resolved refuseUnnamed() {
        Optional<LastRunPointers.Pointer> last = pointers.read().filter(p -> store.find(p.runId()).isPresent())
                .or(() -> store.latestId().filter(id -> store.find(id).isPresent()).map(id -> new LastRunPointers.Pointer("runs/latest", id)));
        throw VaaException.usage(NON_INTERACTIVE + last.map(p -> "\nThe last run is " + p.runId() + " (" + p.fileName()
                + "); to use it, add --run-id " + p.runId() + " or set LAST_RUN=" + p.runId() + ".")
                .orElse(store.list().isEmpty() ? "\nThis workspace has no runs yet; start one with: vaa run -n 20" : ""));
    }

    private VaaException noSuchRun(String id) {
        List<String> near = RunIds.nearest(id, store.list().stream().map(RunSummary::id).toList(), 3);
        return VaaException.usage("No run " + id + " in runs/" + (near.isEmpty() ? "." : ". Nearest: " + String.join(", ", near) + ".")
                + " See: vaa runs list");
    }

    /** $LAST_RUN names a run by its id, never by a path: whatever the environment holds cannot lead outside runs/. */
    private Run fromLastRunEnv(String value) {
        RunIds.requireName(value, "LAST_RUN=");
        return store.find(value).orElseThrow(() -> VaaException.usage(
                "LAST_RUN is set to '" + value + "', but runs/" + value + " does not exist."));
    }

    /**
     * The run a pointer file names. A file that names no run is said on stderr and not followed: one holding anything
     * but a run id (a path, garbage) is never opened, so a pointer cannot lead outside runs/ either.
     */
    private Optional<Run> follow(LastRunPointers.Pointer pointer) {
        if (!RunIds.isName(pointer.runId())) {
            messages.warn(pointer.fileName() + " holds '" + RunIds.shown(pointer.runId()) + "', which is not a run id; ignored.");
            return Optional.empty();
        }
        Optional<Run> run = store.find(pointer.runId());
        if (run.isEmpty()) {
            messages.warn(pointer.fileName() + " points to run '" + pointer.runId() + "', which no longer exists.");
        }
        return run;
    }

    private Resolved created(Run run, String via) {
        pointers.write(run.id());
        store.pointLatest(run);
        messages.info("Creating isolated run: " + store.displayPath(run.dir()));
        messages.info(pointers.savedMessage());
        return new Resolved(run, via, true);
    }

    private static VaaException quit() {
        return new VaaException(VaaException.INTERRUPTED, "Cancelled.");
    }
}
