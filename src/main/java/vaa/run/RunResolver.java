package vaa.run;

import java.util.Optional;
import java.util.function.Supplier;
import vaa.VaaException;
import vaa.io.MessageSink;

/**
 * Decides which run a command works on, in the order of seed 000:
 * {@code --run-dir} > {@code --run-id} > {@code $LAST_RUN} > {@code .last_run.<tty>} > {@code .last_run} > legacy.
 * Pointer files are only followed interactively, where the user confirms them; scripts must name the run.
 */
public final class RunResolver {
    public static final String NON_INTERACTIVE =
            "Non-interactive mode requires explicit --run-id or --run-dir";

    /** Whether a command with no run named works on an existing run or starts a new one. */
    public enum Mode { EXISTING, NEW_BY_DEFAULT }

    /** The run and how it was found; {@code created} when this resolution made it. */
    public record Resolved(Run run, String via, boolean created) {}

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
            return created(store.tryCreate(id).orElseGet(() -> store.find(id).orElseThrow()), "--run-id");
        }
        if (sel.legacy()) {
            return new Resolved(store.legacy(), "--legacy", false);
        }
        if (mode == Mode.NEW_BY_DEFAULT) {
            return created(store.createGenerated(), "new");
        }
        if (lastRunEnv.isPresent()) {
            return new Resolved(fromLastRunEnv(lastRunEnv.get()), "$LAST_RUN", false);
        }
        if (!interactive) {
            throw VaaException.usage(NON_INTERACTIVE);
        }
        Optional<LastRunPointers.Pointer> pointer = pointers.read();
        if (pointer.isPresent()) {
            Optional<Run> run = store.find(pointer.get().runId());
            if (run.isPresent()) {
                switch (prompter.get().confirmContinue(store.summarize(run.get()), pointer.get().fileName())) {
                    case CONTINUE:
                        return new Resolved(run.get(), pointer.get().fileName(), false);
                    case QUIT:
                        throw quit();
                    default:
                        break;
                }
            } else {
                messages.warn(pointer.get().fileName() + " points to run '" + pointer.get().runId()
                        + "', which no longer exists.");
            }
        }
        return fromMenu();
    }

    private Resolved fromMenu() {
        RunPrompter.Selection choice = prompter.get().select(store.list(), id -> RunIds.isValid(id));
        if (choice instanceof RunPrompter.NewRun) {
            return created(store.createGenerated(), "menu");
        }
        if (choice instanceof RunPrompter.CustomRun custom) {
            String id = RunIds.requireValid(custom.id());
            Optional<Run> existing = store.find(id);
            if (existing.isPresent()) {
                return new Resolved(existing.get(), "menu", false);
            }
            return created(store.tryCreate(id).orElseGet(() -> store.find(id).orElseThrow()), "menu");
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

    private Run fromLastRunEnv(String value) {
        if (value.contains("/")) {
            return store.open(java.nio.file.Path.of(value));
        }
        return store.find(value).orElseThrow(() -> VaaException.usage(
                "LAST_RUN is set to '" + value + "', but runs/" + value + " does not exist."));
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
