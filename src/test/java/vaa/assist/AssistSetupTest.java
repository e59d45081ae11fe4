package vaa.assist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.VaaException;
import vaa.io.Env;
import vaa.io.Prompter;
import vaa.llm.LlmClient;
import vaa.llm.LlmRequest;
import vaa.llm.LlmResponse;
import vaa.llm.ModelCatalog;
import vaa.llm.ResolvedModel;
import vaa.llm.Tracer;
import vaa.ui.AssistConsoleView;
import vaa.ui.JLinePrompter;
import vaa.ui.Style;

/** The setup screens driven through a scripted JLine terminal, and the non-interactive rules. */
class AssistSetupTest {
    static final Clock CLOCK = Clock.fixed(LocalDateTime.of(2026, 2, 15, 14, 6, 23).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    static final String DEFAULT_RUN = "gemini-3-flash-minimal-thinking_elg_b2c_objection_assist_v1_20260215_140623";
    static final Env ENV = Env.of(Map.of("GEMINI_API_KEY", "test-key-not-real"));

    @TempDir
    Path ws;

    final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    final List<ResolvedModel> opened = new ArrayList<>();
    final List<LlmRequest> requests = java.util.Collections.synchronizedList(new ArrayList<>());

    /** A session whose questions and console lines share one scripted dumb terminal, as on a real screen. */
    AssistSession session(String keys, boolean interactive) throws Exception {
        Terminal terminal = TerminalBuilder.builder().system(false).dumb(true).type("dumb")
                .streams(new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen)
                .encoding(StandardCharsets.UTF_8).build();
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
        PrintWriter out = terminal.writer();
        AssistConsoleView view = new AssistConsoleView(out, Style.plain());
        ModelCatalog catalog = ModelCatalog.builtIn();
        Prompter prompter = new JLinePrompter(reader, Style.plain());
        AssistSetup setup = new AssistSetup(ws, ENV, CLOCK, interactive, () -> prompter, view, catalog);
        LlmClient fake = (request, onDelta) -> {
            requests.add(request);
            return new LlmResponse(requests.size() == 2 ? "show|objection_price\nSpørg hvad de betaler i dag." : "skip",
                    100L, 200, LlmResponse.Usage.NONE, "", "m", false);
        };
        return new AssistSession(ws, ENV, setup, view, catalog, model -> {
            opened.add(model);
            return fake;
        }, Tracer.OFF, d -> { });
    }

    String screen() {
        return screen.toString(StandardCharsets.UTF_8).replace("\r", "");
    }

    void campaignWithTwoStateFiles() {
        AssistFixtures.campaign(ws);
        AssistFixtures.write(ws.resolve("customer_data/acme/solar/state_experiments/another.state.json"),
                AssistFixtures.stateFile(List.of(1)));
    }

    @Test
    void interactiveSetupShowsTheSeedsScreensAndRunsOnEnter() throws Exception {
        campaignWithTwoStateFiles();
        // prompt: Enter (default); model: "x" (invalid → default); state: 7 (out of range), then 2;
        // one conversation or the campaign: Enter (one); run name: Enter; Proceed: Enter
        AssistSession session = session("\nx\n7\n2\n\n\n\n", true);

        Optional<AssistPlan> plan = session.setup(AssistOptions.none());
        AssistSession.Outcome outcome = session.run((ExperimentPlan) plan.orElseThrow());

        String s = screen();
        assertThat(s).contains(
                "\n==================================================\n  Assist Experiment Runner\n==================================================\n",
                "[info] Prompts from local files",
                "Assist prompt name (local) [elg_b2c_objection_assist]: ",
                "[info] Fetching prompt 'elg_b2c_objection_assist'...",
                "[ok] Prompt 'elg_b2c_objection_assist' v1 (built-in)",
                "\nAvailable models:\n  1) GPT-OSS 120B (Groq)\n  2) Kimi K2 Instruct (Groq)\n  3) Gemini 3 Flash (Minimal Thinking) (default)\n",
                "  9) GLM-4p7 Flash (Fireworks)\n",
                "Select model [3]: ",
                "[error] Invalid choice 'x'. Using default.",
                "[ok] Model: Gemini 3 Flash (Minimal Thinking)",
                "\nSelect state file\n  1) customer_data/acme/solar/state_experiments/another.state.json\n"
                        + "  2) " + AssistFixtures.STATE_REL + "\n",
                "Select [1-2]: ",
                "[error] Invalid choice. Enter 1-2.",
                "\nReplay:\n  1) One conversation (conv_1_incremental.state.json) (default)\n"
                        + "  2) All in this campaign (2 state files, as one suite)\nSelect [1]: ",
                "[ok] State file: conv_1_incremental.state.json",
                "[info] Loading state data...",
                "[ok] Loaded 3 steps for conv_1.wav",
                "[info] Loading conversation from customer_data/acme/solar/processed_conversations/...",
                "[ok] Loaded 8 utterances",
                "[info] Speaker labels: {1: 'Sælger', 2: 'Kunden'}",
                "Run name [" + DEFAULT_RUN + "]: ",
                "\n==================================================\n  Experiment Summary\n==================================================\n\n"
                        + "  Prompt:       elg_b2c_objection_assist (v1)\n"
                        + "  Model:        Gemini 3 Flash (Minimal Thinking) (gemini-3-flash-preview)\n"
                        + "  Conversation: conv_1.wav (8 utterances)\n"
                        + "  State source: conv_1_incremental.state.json (3 steps)\n"
                        + "  Run name:     " + DEFAULT_RUN + "\n\n",
                "Proceed? (Y/n): ",
                "[ok] Saving results to experiments/" + DEFAULT_RUN + ".txt",
                "  Running Experiment\n",
                "[info] Step 1/3 · Utterance 0→1 · Phase: opening\n  skip\n  TTFT: 100ms | E2E: 200ms\n",
                "[info] Step 2/3 · Utterance 1→5 · Phase: p1\n  show|objection_price · Spørg hvad de betaler i dag.\n",
                "  Experiment Complete\n",
                "  Steps:     3\n  Shown:     1 (33%)\n  Skipped:   2 (66%)\n  Failed:    0\n  Avg TTFT:  100ms\n  Avg E2E:   200ms\n"
                        + "  Tags:      objection_price=1\n\n  Results:   experiments/" + DEFAULT_RUN + ".txt\n");
        assertThat(opened).singleElement().extracting(ResolvedModel::key).isEqualTo("3");
        assertThat(requests).hasSize(3);
        assertThat(outcome.result().shown()).isEqualTo(1);
        assertThat(ws.resolve("experiments/" + DEFAULT_RUN + ".txt")).exists();
        assertThat(ws.resolve("experiments/" + DEFAULT_RUN + ".jsonl")).exists();
    }

    @Test
    void afterTheStateFileMenuAllInThisCampaignReplaysEveryStateFileAsASuite() throws Exception {
        campaignWithTwoStateFiles();
        // prompt: Enter; model: Enter; state: 1; replay: 2 (the campaign); suite name: Enter; Proceed: Enter
        AssistSession session = session("\n\n1\n2\n\n\n", true);

        SuitePlan plan = (SuitePlan) session.setup(AssistOptions.none()).orElseThrow();
        SuiteResult result = session.run(plan);

        assertThat(screen()).contains("\nReplay:\n  1) One conversation (another.state.json) (default)\n"
                        + "  2) All in this campaign (2 state files, as one suite)\nSelect [1]: ",
                "[info] Loading 2 state files...", "[ok] Loaded 2 conversations (4 steps)",
                "Suite name [" + DEFAULT_RUN + "]: ", "  Suite Summary\n", "  Conversations: 2 (4 steps)",
                "  Workers:       4 conversations at once", "Proceed? (Y/n): ", "  Suite Complete\n",
                "  Summary:       experiments/" + DEFAULT_RUN + "/summary.md")
                .doesNotContain("[ok] State file:", "Run name [");
        assertThat(plan.conversations()).extracting(SuitePlan::memberName).containsExactly("another", "conv_1_incremental");
        assertThat(requests).hasSize(4);
        assertThat(result.summary().status()).isEqualTo(SuiteSummary.COMPLETE);
        assertThat(ws.resolve("experiments/" + DEFAULT_RUN + "/conv_1_incremental.txt")).exists();
    }

    @Test
    void answeringNoToProceedAbortsWithoutWritingAnything() throws Exception {
        AssistFixtures.campaign(ws);
        AssistSession session = session("\n\n1\nmy_run\nn\n", true);

        assertThat(session.setup(AssistOptions.none())).isEmpty();
        assertThat(screen()).contains("Proceed? (Y/n): ", "[info] Aborted.");
        assertThat(opened).isEmpty();
        assertThat(ws.resolve("experiments")).doesNotExist();
    }

    @Test
    void aTakenRunNameIsRefusedAndAskedAgain() throws Exception {
        AssistFixtures.campaign(ws);
        AssistFixtures.write(ws.resolve("experiments/taken.txt"), "old log");
        AssistSession session = session("\n\n1\ntaken\nfresh\n\n", true);

        ExperimentPlan plan = (ExperimentPlan) session.setup(AssistOptions.none()).orElseThrow();
        assertThat(plan.runName()).isEqualTo("fresh");
        assertThat(screen()).contains("[error] An experiment named \"taken\" exists already in experiments/");
        assertThat(Files.readString(ws.resolve("experiments/taken.txt"))).isEqualTo("old log");
    }

    @Test
    void choicesGivenAsFlagsAreNotAsked() throws Exception {
        AssistFixtures.campaign(ws);
        // no keys at all: any question would hit the end of input and fail
        AssistSession session = session("", true);
        AssistOptions options = AssistOptions.none().withPrompt("elg_b2c_objection_assist").withModel("3")
                .withState(AssistFixtures.STATE_REL).withRunName("flags_only").withYes(true);

        ExperimentPlan plan = (ExperimentPlan) session.setup(options).orElseThrow();

        assertThat(plan.runName()).isEqualTo("flags_only");
        assertThat(plan.model().key()).isEqualTo("3");
        assertThat(screen()).doesNotContain("Assist prompt name", "Select model", "Select state file", "Run name [", "Proceed?");
    }

    /** A person at the terminal who fails the test on any question; {@code asked} keeps what was asked. */
    static final class NoQuestions implements Prompter {
        final List<String> asked = new ArrayList<>();

        private AssertionError asked(String question) {
            asked.add(question);
            return new AssertionError("asked \"" + question + "\" although --yes was given");
        }

        @Override
        public String ask(String question, String defaultValue) {
            throw asked(question);
        }

        @Override
        public boolean confirm(String question, boolean defaultYes) {
            throw asked(question);
        }

        @Override
        public int choose(String title, List<String> options) {
            throw asked(title);
        }

        @Override
        public String chooseKey(String title, List<Option> options, String question, String defaultKey) {
            throw asked(question);
        }
    }

    ExperimentPlan planAtATerminal(Prompter person, AssistOptions options) {
        AssistSetup setup = new AssistSetup(ws, ENV, CLOCK, true, () -> person, new RecordingListener(), ModelCatalog.builtIn());
        return (ExperimentPlan) setup.plan(options).orElseThrow();
    }

    @Test
    void withYesAtATerminalNothingIsAskedAndThePromptAndRunNameDefaultsAreTaken() {
        AssistFixtures.campaign(ws);
        NoQuestions person = new NoQuestions();

        ExperimentPlan plan = planAtATerminal(person,
                AssistOptions.none().withState(AssistFixtures.STATE_REL).withModel("3").withYes(true));

        assertThat(person.asked).isEmpty();
        assertThat(plan.prompt().name()).isEqualTo(AssistOptions.DEFAULT_PROMPT);
        assertThat(plan.runName()).isEqualTo(DEFAULT_RUN);
    }

    @Test
    void withYesAtATerminalTheDefaultModelIsTakenWithoutTheMenu() {
        AssistFixtures.campaign(ws);
        NoQuestions person = new NoQuestions();

        ExperimentPlan plan = planAtATerminal(person, AssistOptions.none().withState(AssistFixtures.STATE_REL).withYes(true));

        assertThat(person.asked).isEmpty();
        assertThat(plan.model().key()).isEqualTo("3");
    }

    @Test
    void withYesAtATerminalAMissingStateIsAUsageErrorInsteadOfAQuestion() {
        AssistFixtures.campaign(ws);
        NoQuestions person = new NoQuestions();

        assertThatThrownBy(() -> planAtATerminal(person, AssistOptions.none().withYes(true)))
                .isInstanceOf(VaaException.class)
                .satisfies(e -> assertThat(((VaaException) e).exitCode()).isEqualTo(2))
                .hasMessage("--yes given, so nothing is asked; missing --state FILE (found: " + AssistFixtures.STATE_REL + ")");
        assertThat(person.asked).isEmpty();
    }

    @Test
    void notInteractiveWithoutStateOrYesIsAUsageErrorNamingTheFlagsAndTheFilesFound() throws Exception {
        AssistFixtures.campaign(ws);
        AssistSession session = session("", false);

        assertThatThrownBy(() -> session.setup(AssistOptions.none()))
                .isInstanceOf(VaaException.class)
                .satisfies(e -> assertThat(((VaaException) e).exitCode()).isEqualTo(2))
                .hasMessageContaining("missing --state FILE (found: " + AssistFixtures.STATE_REL + ")")
                .hasMessageContaining("--yes");
        assertThat(screen()).as("nothing drawn before the error").isEmpty();
    }

    @Test
    void notInteractiveTakesTheDefaultsForPromptModelAndRunName() throws Exception {
        AssistFixtures.campaign(ws);
        ExperimentPlan plan = (ExperimentPlan) session("", false).setup(AssistOptions.none().withState(AssistFixtures.STATE_REL).withYes(true))
                .orElseThrow();
        assertThat(plan.prompt().name()).isEqualTo("elg_b2c_objection_assist");
        assertThat(plan.model().key()).isEqualTo("3");
        assertThat(plan.runName()).isEqualTo(DEFAULT_RUN);
    }

    @Test
    void aDryRunNeedsNeitherYesNorAModelKey() throws Exception {
        AssistFixtures.campaign(ws);
        AssistSession session = session("", false);
        AssistOptions options = AssistOptions.none().withState(AssistFixtures.STATE_REL).withDryRun(true).withModel("5");
        ExperimentPlan plan = (ExperimentPlan) session.setup(options).orElseThrow();
        session.run(plan);
        assertThat(opened).as("no client is opened for a dry run").isEmpty();
        assertThat(requests).isEmpty();
    }

    @Test
    void aModelWithoutItsKeyFailsBeforeAnythingIsLoaded() throws Exception {
        AssistFixtures.campaign(ws);
        AssistSession session = session("", false);
        assertThatThrownBy(() -> session.setup(AssistOptions.none().withState(AssistFixtures.STATE_REL).withYes(true).withModel("5")))
                .isInstanceOf(VaaException.class)
                .hasMessageContaining("FIREWORKS_API_KEY is not set");
        assertThat(screen()).doesNotContain("Loading state data");
    }

    @Test
    void defaultRunNameIsTheSeedsSlugPromptVersionAndTimestamp() {
        assertThat(RunNames.defaultName("Kimi K2 Thinking (Fireworks, Budget 1024)", "team/assist", 12,
                LocalDateTime.of(2026, 1, 2, 3, 4, 5)))
                .isEqualTo("kimi-k2-thinking-fireworks,-budget-1024_team-assist_v12_20260102_030405");
    }
}
