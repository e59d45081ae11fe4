package vaa.assist;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import vaa.VaaException;
import vaa.io.Env;
import vaa.io.MessageSink;
import vaa.io.Prompter;
import vaa.llm.ModelCatalog;
import vaa.llm.ModelEntry;
import vaa.prompt.ModelSetup;
import vaa.prompt.Prompt;
import vaa.prompt.PromptSource;

/**
 * Seed 002's setup: prompt, model, state file, run name, summary, Proceed?. A choice given as a flag
 * is not asked. Without a person at the terminal, or with --yes, nothing is ever asked: a choice with
 * a default takes it, and a missing --state (or, without a person, --yes unless dry) is a usage error
 * naming the flag.
 *
 * <p>A suite takes the same path with its conversations chosen by {@code --all} or {@code --states},
 * or by answering "all in this campaign" after the state-file menu; {@code --resume} continues one.
 */
public final class AssistSetup {
    private final Path workspace;
    private final Env env;
    private final Clock clock;
    private final boolean interactive;
    private final Supplier<Prompter> prompter;
    private final AssistListener view;
    private final ModelCatalog catalog;
    private final SuiteSetup suites;

    public AssistSetup(Path workspace, Env env, Clock clock, boolean interactive, Supplier<Prompter> prompter,
                       AssistListener view, ModelCatalog catalog) {
        this.workspace = workspace;
        this.env = env;
        this.clock = clock;
        this.interactive = interactive;
        this.prompter = prompter;
        this.view = view;
        this.catalog = catalog;
        this.suites = new SuiteSetup(workspace, view);
    }

    /** The plan to run, or empty when the user answered no to Proceed?. */
    public Optional<AssistPlan> plan(AssistOptions options) {
        checkCombinations(options);
        AssistOptions.SuiteFlags suite = options.suite();
        if (suite.resume() != null) {
            return Optional.of(suites.resume(suite.resume(), suite.workers(), catalog, env));
        }
        requireFlagsWhenNothingIsAsked(options);
        // a wrong --state or a glob that matches nothing is reported before anything is fetched
        Path givenState = options.state() == null ? null : StateFiles.resolve(workspace, options.state());
        List<Path> selected = suite.selects() ? select(options, givenState) : null;
        view.header("Assist Experiment Runner");
        ModelSetup models = new ModelSetup(env, workspace, catalog, options.promptSource(), new MessageSink() {
            @Override
            public void info(String message) {
                view.info(message);
            }

            @Override
            public void warn(String message) {
                view.warn(message);
            }
        });
        PromptSource source = models.prompts();
        // an unreachable Langfuse is said (and local files chosen) before "[ok] Prompts from langfuse" could be shown
        source.probe();
        boolean langfuse = !source.describe().equals("local");
        models.notice().ifPresent(view::warn);
        if (langfuse) {
            view.ok("Prompts from " + source.describe());
        } else {
            view.info("Prompts from local files (prompts/ in the workspace, then the built-in copies)");
        }

        Prompt prompt = prompt(options, source, langfuse);
        ModelEntry model = model(options);
        if (selected != null) {
            return suite(options, prompt, model, selected);
        }
        Path statePath = givenState != null ? givenState : pickStateFile();
        if (givenState == null) {
            Optional<List<Path>> campaign = offerCampaign(statePath);
            if (campaign.isPresent()) {
                return suite(options, prompt, model, campaign.get());
            }
        }
        String stateDisplay = StateFiles.display(workspace, statePath);
        view.ok("State file: " + statePath.getFileName());

        view.info("Loading state data...");
        StateFile state = StateFile.load(statePath);
        state.warnings().forEach(view::warn);
        view.ok("Loaded " + state.steps().size() + " steps for " + state.conversation());

        Campaign campaign = Campaign.of(statePath);
        view.info("Loading conversation from " + StateFiles.display(workspace, campaign.dir()) + "/"
                + Campaign.CONVERSATIONS + "/...");
        List<Turn> turns = campaign.conversation(state.audioStem());
        view.ok("Loaded " + turns.size() + " utterances");
        indexWarning(state, turns.size()).ifPresent(view::warn);
        SpeakerLabelMap labels = campaign.labels(state.audioStem());
        view.info("Speaker labels: " + labels.describe());

        String runName = runName(options, model, prompt, "Run name");
        ExperimentPlan plan = new ExperimentPlan(prompt, model, state, stateDisplay, campaign, turns, labels, runName,
                options.delay(), options.dryRun());
        view.summary(plan);
        return proceed(options, plan);
    }

    /** The Proceed? question after the summary (not asked with --yes or without a person). */
    private Optional<AssistPlan> proceed(AssistOptions options, AssistPlan plan) {
        if (asks(options) && !prompter.get().confirm("Proceed?", true)) {
            view.info("Aborted.");
            return Optional.empty();
        }
        return Optional.of(plan);
    }

    private Optional<AssistPlan> suite(AssistOptions options, Prompt prompt, ModelEntry model, List<Path> files) {
        SuiteSetup.Selection selection = suites.load(files);
        String name = runName(options, model, prompt, "Suite name");
        List<ExperimentPlan> conversations = selection.loaded().stream()
                .map(l -> l.plan(workspace, name, prompt, model, options.delay(), options.dryRun())).toList();
        int workers = options.suite().workers() == null ? AssistOptions.SuiteFlags.DEFAULT_WORKERS : options.suite().workers();
        SuitePlan plan = new SuitePlan(name, prompt, model, conversations, selection.skipped(), options.delay(),
                options.dryRun(), workers, options.cache(), false, LocalDateTime.now(clock).withNano(0).toString());
        view.summary(plan);
        return proceed(options, plan);
    }

    /** After the state-file menu, when the campaign holds more than that one file: replay one, or all of them. */
    private Optional<List<Path>> offerCampaign(Path statePath) {
        Optional<Campaign> campaign = Campaign.find(statePath);
        List<Path> all = campaign.map(c -> StateFiles.inCampaign(workspace, c)).orElse(List.of());
        if (all.size() < 2) {
            return Optional.empty();
        }
        String answer = prompter.get().chooseKey("Replay:", List.of(
                new Prompter.Option("1", "One conversation (" + statePath.getFileName() + ")"),
                new Prompter.Option("2", "All in this campaign (" + all.size() + " state files, as one suite)")), "Select", "1");
        if (answer.equals("2")) {
            return Optional.of(all);
        }
        if (!answer.equals("1")) {
            view.error("Invalid choice '" + answer + "'. Using default.");
        }
        return Optional.empty();
    }

    /** --all (the workspace's state files, or with --state those of its campaign) or --states GLOB... */
    private List<Path> select(AssistOptions options, Path givenState) {
        if (!options.suite().all()) {
            return StateFiles.matchingAll(workspace, options.suite().states());
        }
        List<Path> files = givenState == null ? StateFiles.discover(workspace)
                : StateFiles.inCampaign(workspace, Campaign.of(givenState));
        if (files.isEmpty()) {
            throw VaaException.usage("No .state.json files found under " + workspace.resolve(StateFiles.ROOT)
                    + " (expected " + Campaign.LAYOUT + ")");
        }
        return files;
    }

    private static void checkCombinations(AssistOptions o) {
        AssistOptions.SuiteFlags suite = o.suite();
        if (suite.all() && !suite.states().isEmpty()) {
            throw VaaException.usage("--all and --states both choose the conversations; give one of them");
        }
        if (o.state() != null && !suite.states().isEmpty()) {
            throw VaaException.usage("--state and --states both choose the conversations; give one of them");
        }
        if (suite.resume() == null) {
            return;
        }
        List<String> given = new ArrayList<>();
        Object[][] flags = {{"--state", o.state()}, {"--all", suite.all() ? true : null},
                {"--states", suite.states().isEmpty() ? null : suite.states()}, {"--prompt", o.prompt()},
                {"--prompt-label", o.promptLabel()}, {"--prompt-version", o.promptVersion()}, {"--model", o.model()},
                {"--run-name", o.runName()}, {"--dry-run", o.dryRun() ? true : null}, {"--cache", o.cache() ? true : null}};
        for (Object[] flag : flags) {
            if (flag[1] != null) {
                given.add((String) flag[0]);
            }
        }
        if (!given.isEmpty()) {
            throw VaaException.usage("--resume continues a suite with its own prompt, model, conversations and options; drop "
                    + String.join(", ", given));
        }
    }

    /** Whether the person at the terminal is asked for what the flags leave open. */
    private boolean asks(AssistOptions options) {
        return interactive && !options.yes();
    }

    private void requireFlagsWhenNothingIsAsked(AssistOptions options) {
        if (asks(options)) {
            return;
        }
        List<String> missing = new ArrayList<>();
        if (options.state() == null && !options.suite().selects()) {
            List<Path> found = StateFiles.discover(workspace);
            missing.add("--state FILE" + (found.isEmpty() ? " (no *.state.json under " + StateFiles.ROOT + "/)"
                    : " (found: " + String.join(", ", found.stream().map(p -> StateFiles.display(workspace, p)).toList()) + ")"));
        }
        if (!interactive && !options.yes() && !options.dryRun()) {
            missing.add("--yes (to start without the Proceed? question)");
        }
        if (!missing.isEmpty()) {
            throw VaaException.usage((interactive ? "--yes given, so nothing is asked" : "Not running interactively, so nothing can be asked")
                    + "; missing " + String.join(" and ", missing));
        }
    }

    private Prompt prompt(AssistOptions options, PromptSource source, boolean langfuse) {
        String name = options.prompt();
        if (name == null) {
            name = asks(options)
                    ? prompter.get().ask("Assist prompt name (" + (langfuse ? "from Langfuse" : "local") + ")", AssistOptions.DEFAULT_PROMPT)
                    : AssistOptions.DEFAULT_PROMPT;
        }
        if (name.isBlank()) {
            throw VaaException.usage("Prompt name is required.");
        }
        view.info("Fetching prompt '" + name + "'...");
        Prompt prompt = source.get(name.strip(), options.selector());
        view.ok("Prompt '" + prompt.name() + "' v" + prompt.version() + " (" + prompt.source() + ")");
        return prompt;
    }

    private ModelEntry model(AssistOptions options) {
        String fallback = catalog.defaultFor(ModelCatalog.ASSIST).filter(k -> catalog.find(k).isPresent())
                .orElseGet(() -> catalog.entries().get(0).key());
        ModelEntry entry;
        if (options.model() != null) {
            entry = catalog.entry(options.model());
        } else if (asks(options)) {
            List<Prompter.Option> menu = catalog.entries().stream()
                    .map(e -> new Prompter.Option(e.key(), e.label())).toList();
            String answer = prompter.get().chooseKey("Available models:", menu, "Select model", fallback);
            entry = catalog.find(answer).orElseGet(() -> {
                view.error("Invalid choice '" + answer + "'. Using default.");
                return catalog.entry(fallback);
            });
        } else {
            entry = catalog.entry(fallback);
        }
        view.ok("Model: " + entry.label());
        if (!options.dryRun() && !catalog.keyPresent(entry, env)) {
            // fail before any state is loaded: without its key the model cannot answer a single step
            catalog.resolve(entry.key(), env);
        }
        return entry;
    }

    private Path pickStateFile() {
        List<Path> files = StateFiles.discover(workspace);
        if (files.isEmpty()) {
            throw VaaException.usage("No .state.json files found under " + workspace.resolve(StateFiles.ROOT)
                    + " (expected " + Campaign.LAYOUT + ")");
        }
        List<String> shown = files.stream().map(p -> StateFiles.display(workspace, p)).toList();
        return files.get(prompter.get().choose("Select state file", shown));
    }

    /** The experiment's or the suite's name: --run-name, else asked ({@code question}) or the seed's default. */
    private String runName(AssistOptions options, ModelEntry model, Prompt prompt, String question) {
        if (options.runName() != null) {
            RunNames.problem(workspace, options.runName()).ifPresent(p -> {
                throw VaaException.usage(p + " (--run-name)");
            });
            return options.runName();
        }
        String fallback = RunNames.defaultName(model.label(), prompt.name(), prompt.version(), LocalDateTime.now(clock));
        if (!asks(options)) {
            RunNames.problem(workspace, fallback).ifPresent(p -> {
                throw VaaException.usage(p + "; give --run-name");
            });
            return fallback;
        }
        while (true) {
            String name = prompter.get().ask(question, fallback);
            Optional<String> problem = RunNames.problem(workspace, name);
            if (problem.isEmpty()) {
                return name;
            }
            view.error(problem.get());
        }
    }

    /** Said when steps point past the conversation's last utterance. */
    static Optional<String> indexWarning(StateFile state, int utterances) {
        long beyond = state.steps().stream().filter(s -> s.utteranceIndex() >= utterances).count();
        return beyond == 0 ? Optional.empty() : Optional.of(beyond + " step(s) point past the last utterance (index "
                + (utterances - 1) + "); their transcript window is cut short");
    }
}
