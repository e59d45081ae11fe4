package vaa.assist;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vaa.VaaException;
import vaa.io.Env;
import vaa.llm.ModelCatalog;
import vaa.llm.ModelEntry;
import vaa.prompt.Prompt;

/**
 * The suite half of the setup: loading the selected conversations (a state file that cannot be read
 * is skipped and reported, not the suite), and continuing a suite from its {@code suite.json}.
 */
final class SuiteSetup {
    private final Path workspace;
    private final AssistListener view;

    SuiteSetup(Path workspace, AssistListener view) {
        this.workspace = workspace;
        this.view = view;
    }

    /** One readable conversation, before the suite has a name. */
    record Loaded(String name, Path file, StateFile state, Campaign campaign, List<Turn> turns, SpeakerLabelMap labels) {
        ExperimentPlan plan(Path workspace, String suite, Prompt prompt, ModelEntry model, Duration delay, boolean dryRun) {
            return new ExperimentPlan(prompt, model, state, StateFiles.display(workspace, file), campaign, turns, labels,
                    suite + "/" + name, delay, dryRun);
        }
    }

    /** The selection loaded; {@code skipped} says which files could not be read and why. */
    record Selection(List<Loaded> loaded, List<SuitePlan.Skipped> skipped) {}

    /**
     * Loads every state file with its conversation. Each conversation's files are named after its
     * state file ({@code conv_1_incremental.state.json} → {@code conv_1_incremental}); a name taken
     * by an earlier file of the selection gets {@code -2}, {@code -3}...
     */
    Selection load(List<Path> files) {
        view.info("Loading " + files.size() + " state file" + (files.size() == 1 ? "" : "s") + "...");
        List<Loaded> loaded = new ArrayList<>();
        List<SuitePlan.Skipped> skipped = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path file : files) {
            String base = file.getFileName().toString();
            base = base.substring(0, base.length() - StateFiles.SUFFIX.length());
            String name = base;
            for (int n = 2; !names.add(name); n++) {
                name = base + "-" + n;
            }
            try {
                loaded.add(load(name, file));
            } catch (VaaException e) {
                names.remove(name);
                skipped.add(new SuitePlan.Skipped(StateFiles.display(workspace, file), e.getMessage()));
                view.warn("Skipping " + StateFiles.display(workspace, file) + ": " + e.getMessage());
            }
        }
        if (loaded.isEmpty()) {
            throw VaaException.usage("None of the " + files.size() + " selected state files could be read; nothing to replay");
        }
        int steps = loaded.stream().mapToInt(l -> l.state().steps().size()).sum();
        view.ok("Loaded " + loaded.size() + " conversation" + (loaded.size() == 1 ? "" : "s") + " (" + steps + " steps)"
                + (skipped.isEmpty() ? "" : "; " + skipped.size() + " skipped"));
        return new Selection(loaded, skipped);
    }

    private Loaded load(String name, Path file) {
        StateFile state = StateFile.load(file);
        Campaign campaign = Campaign.of(file);
        List<Turn> turns = campaign.conversation(state.audioStem());
        state.warnings().forEach(w -> view.warn(name + ": " + w));
        AssistSetup.indexWarning(state, turns.size()).ifPresent(w -> view.warn(name + ": " + w));
        return new Loaded(name, file, state, campaign, turns, campaign.labels(state.audioStem()));
    }

    /**
     * A suite to continue, as {@code suite.json} has it: the same prompt (as fetched then), model,
     * delay and conversations. A conversation whose state file can no longer be read is skipped.
     */
    SuitePlan resume(String suite, Integer workers, ModelCatalog catalog, Env env) {
        SuiteManifest manifest = SuiteManifest.read(workspace, suite);
        view.header("Assist Experiment Runner");
        view.info("Resuming suite " + suite + " (started " + manifest.createdAt() + ")");
        ModelEntry model = catalog.entry(manifest.modelKey());
        if (!manifest.dryRun() && !catalog.keyPresent(model, env)) {
            catalog.resolve(model.key(), env);
        }
        List<ExperimentPlan> conversations = new ArrayList<>();
        List<SuitePlan.Skipped> skipped = new ArrayList<>(manifest.skipped());
        for (SuiteManifest.Member m : manifest.conversations()) {
            try {
                conversations.add(load(m.name(), StateFiles.resolve(workspace, m.state()))
                        .plan(workspace, suite, manifest.prompt(), model, manifest.delay(), manifest.dryRun()));
            } catch (VaaException e) {
                skipped.add(new SuitePlan.Skipped(m.state(), e.getMessage()));
                view.warn("Skipping " + m.state() + ": " + e.getMessage());
            }
        }
        if (conversations.isEmpty()) {
            throw VaaException.usage("No conversation of suite " + suite + " can be read any more; nothing to replay");
        }
        SuitePlan plan = new SuitePlan(suite, manifest.prompt(), model, conversations, skipped, manifest.delay(),
                manifest.dryRun(), workers == null ? manifest.workers() : workers, manifest.cache(), true, manifest.createdAt());
        view.summary(plan);
        return plan;
    }
}
