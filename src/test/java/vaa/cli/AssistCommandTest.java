package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.assist.AssistFixtures;
import vaa.io.Json;
import vaa.testing.Cli;

/** {@code vaa assist} end to end, against one local server playing both Langfuse and an OpenAI-compatible model. */
class AssistCommandTest {
    static final String PK = "pk-lf-test";
    static final String SK = "sk-lf-SECRET-do-not-print";

    @TempDir
    Path ws;

    MockWebServer server;
    final List<RecordedRequest> promptRequests = new CopyOnWriteArrayList<>();
    final List<String> chatBodies = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    IntFunction<MockResponse> answers = n -> AssistFixtures.sse("skip");

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getRequestUrl().encodedPath();
                if (path.startsWith("/api/public/v2/prompts/")) {
                    promptRequests.add(request);
                    String name = path.substring(path.lastIndexOf('/') + 1);
                    String asked = request.getRequestUrl().queryParameter("version");
                    return AssistFixtures.langfusePrompt(name, asked == null ? 4 : Integer.parseInt(asked));
                }
                if (path.equals("/v1/chat/completions")) {
                    chatBodies.add(request.getBody().readUtf8());
                    return answers.apply(calls.incrementAndGet());
                }
                return new MockResponse().setResponseCode(404);
            }
        });
        server.start();
        AssistFixtures.campaign(ws);
        AssistFixtures.localModel(ws, server.url("/v1").toString());
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    Map<String, String> langfuse() {
        return Map.of("LANGFUSE_PUBLIC_KEY", PK, "LANGFUSE_SECRET_KEY", SK, "LANGFUSE_HOST", server.url("/").toString());
    }

    Cli.Result assist(Map<String, String> env, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "assist";
        System.arraycopy(args, 0, all, 1, args.length);
        return Cli.in(ws).env(env).run(all);
    }

    @Test
    void runsAWholeExperimentWithoutQuestionsAgainstLangfuseAndAStreamingModel() throws Exception {
        answers = n -> switch (n) {
            case 2 -> AssistFixtures.sse("show|objection", "_price\nSpørg hvad de ", "betaler i dag.");
            case 3 -> AssistFixtures.sse("<think>konen</think>\nshow|objection_decision_maker\nInviter konen med.");
            default -> AssistFixtures.sse("sk", "ip");
        };

        Cli.Result r = assist(langfuse(), "--state", AssistFixtures.STATE_REL, "--model", "local", "--yes",
                "--delay", "0", "--run-name", "exp1");

        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains(
                "[ok] Prompts from langfuse " + server.url("/").toString().replaceAll("/$", ""),
                "[ok] Prompt 'elg_b2c_objection_assist' v4 (langfuse ",
                "[ok] Model: Local Test (Mock)",
                "  Model:        Local Test (Mock) (test-model)",
                "[info] Step 1/3 · Utterance 0→1 · Phase: opening\n  skip\n  TTFT: ",
                "[info] Step 2/3 · Utterance 1→5 · Phase: p1\n  show|objection_price · Spørg hvad de betaler i dag.\n",
                "  show|objection_decision_maker · Inviter konen med.",
                "  Experiment Complete",
                "  Shown:     2 (66%)",
                "  Results:   experiments/exp1.txt",
                "  Records:   experiments/exp1.jsonl");
        assertThat(r.all()).doesNotContain(SK);

        assertThat(promptRequests).as("the prompt is fetched once, not per step").hasSize(1);
        RecordedRequest fetch = promptRequests.get(0);
        assertThat(fetch.getRequestUrl().queryParameter("label")).isEqualTo("production");
        assertThat(fetch.getHeader("Authorization")).startsWith("Basic ");

        assertThat(chatBodies).hasSize(3);
        JsonNode third = Json.MAPPER.readTree(chatBodies.get(2));
        assertThat(third.get("model").asText()).isEqualTo("test-model");
        assertThat(third.get("stream").asBoolean()).isTrue();
        assertThat(third.at("/messages/1/content").asText())
                .contains("\"phase\": \"p2\"", "PREVIOUS:\nSpørg hvad de betaler i dag.", "Kunden:\n\nOg min kone skal også spørges.");

        String log = Files.readString(ws.resolve("experiments/exp1.txt"));
        assertThat(log).startsWith("=".repeat(80) + "\n  ASSIST EXPERIMENT LOG\n")
                .contains("  Prompt:       elg_b2c_objection_assist (v4)\n", "  Model:        Local Test (Mock) (test-model)\n",
                        "── Output ──\nSpørg hvad de betaler i dag.\n", "  Tags:         objection_decision_maker=1, objection_price=1\n")
                .doesNotContain(SK);
        List<String> records = Files.readAllLines(ws.resolve("experiments/exp1.jsonl"));
        assertThat(records).hasSize(3);
        JsonNode second = Json.MAPPER.readTree(records.get(1));
        assertThat(second.get("tag").asText()).isEqualTo("objection_price");
        assertThat(second.at("/prompt/version").asInt()).isEqualTo(4);
        assertThat(second.at("/usage/prompt_tokens").asLong()).isEqualTo(120);
        assertThat(second.get("e2e_ms").asLong()).isGreaterThanOrEqualTo(second.get("ttft_ms").asLong());
    }

    @Test
    void promptVersionAndLabelFlagsSelectWhatLangfuseServes() {
        Cli.Result r = assist(langfuse(), "--state", AssistFixtures.STATE_REL, "--model", "local", "--yes", "--delay", "0",
                "--prompt", "coach_assist", "--prompt-version", "2");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(promptRequests).singleElement().satisfies(req -> {
            assertThat(req.getRequestUrl().encodedPath()).isEqualTo("/api/public/v2/prompts/coach_assist");
            assertThat(req.getRequestUrl().queryParameter("version")).isEqualTo("2");
        });

        assertThat(assist(langfuse(), "--state", AssistFixtures.STATE_REL, "--yes", "--prompt-label", "staging",
                "--prompt-version", "2").code()).isEqualTo(2);
    }

    @Test
    void aFailingStepInTheMiddleIsReportedAndTheExperimentCompletes() throws Exception {
        answers = n -> n == 2 ? AssistFixtures.httpError(400, "context length exceeded") : AssistFixtures.sse("skip");

        Cli.Result r = assist(Map.of(), "--state", AssistFixtures.STATE_REL, "--model", "local", "--yes", "--delay", "0",
                "--run-name", "with_failure");

        assertThat(r.code()).as(r.all()).isZero();
        assertThat(chatBodies).hasSize(3);
        assertThat(r.out()).contains("[error]   LLM call failed: HTTP 400 from " + server.getHostName() + ": context length exceeded",
                "[info] Step 3/3", "  Failed:    1");
        assertThat(Files.readString(ws.resolve("experiments/with_failure.txt")))
                .contains("· FAILED]", "  Failed:       1\n");
    }

    @Test
    void whenEveryStepFailsTheCommandFails() {
        answers = n -> AssistFixtures.httpError(404, "model not found");
        Cli.Result r = assist(Map.of(), "--state", AssistFixtures.STATE_REL, "--model", "local", "--yes", "--delay", "0");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("ERROR: No step got an answer from the model (3 failed)");
    }

    @Test
    void rerunningAnExperimentAsksTheModelAgainUnlessCacheIsAsked() {
        String[] common = {"--state", AssistFixtures.STATE_REL, "--model", "local", "--yes", "--delay", "0"};
        assertThat(assist(Map.of(), concat(common, "--run-name", "a")).code()).isZero();
        assertThat(assist(Map.of(), concat(common, "--run-name", "b")).code()).isZero();
        assertThat(calls.get()).as("no cache by default: the second run calls the model again").isEqualTo(6);

        assertThat(assist(Map.of(), concat(common, "--run-name", "c", "--cache")).code()).isZero();
        Cli.Result cached = assist(Map.of(), concat(common, "--run-name", "d", "--cache"));
        assertThat(cached.code()).isZero();
        assertThat(calls.get()).as("--cache answers the repeat from .vaa/cache/llm").isEqualTo(9);
        assertThat(ws.resolve(".vaa/cache/llm")).isDirectory();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void dryRunCallsNoModelAndNeedsNoYes() throws Exception {
        Cli.Result r = assist(Map.of(), "--state", AssistFixtures.STATE_REL, "--dry-run", "--run-name", "dry");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(calls.get()).isZero();
        assertThat(r.out()).contains("[ok] Prompt 'elg_b2c_objection_assist' v1 (built-in)", "Running Experiment (dry run)",
                "dry run · 2 messages");
        assertThat(Files.readString(ws.resolve("experiments/dry.txt"))).contains("── Compiled Prompt (2 messages) ──\n[system]\n");
    }

    @Test
    void notInteractiveWithoutChoicesExitsTwoNamingTheFlags() {
        Cli.Result r = assist(Map.of());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("ERROR: Not running interactively", "--state FILE (found: " + AssistFixtures.STATE_REL + ")",
                "--yes");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badFlagValuesAreUsageErrors() throws Exception {
        assertThat(assist(Map.of(), "--state", "nope.state.json", "--yes").err()).contains("State file not found: nope.state.json");
        assertThat(assist(Map.of(), "--state", AssistFixtures.STATE_REL, "--yes", "--model", "99").code()).isEqualTo(2);
        assertThat(assist(Map.of(), "--state", AssistFixtures.STATE_REL, "--yes", "--delay", "-1").code()).isEqualTo(2);
        assertThat(assist(Map.of(), "--state", AssistFixtures.STATE_REL, "--yes", "--prompt-source", "ftp").code()).isEqualTo(2);
        assertThat(assist(Map.of(), "--state", AssistFixtures.STATE_REL, "--yes", "--run-name", "../escape").code()).isEqualTo(2);
        Files.createDirectories(ws.resolve("experiments"));
        Files.writeString(ws.resolve("experiments/exists.txt"), "keep me");
        Cli.Result taken = assist(Map.of(), "--state", AssistFixtures.STATE_REL, "--yes", "--model", "local", "--run-name", "exists");
        assertThat(taken.code()).isEqualTo(2);
        assertThat(taken.err()).contains("exists already");
        assertThat(Files.readString(ws.resolve("experiments/exists.txt"))).isEqualTo("keep me");
        assertThat(calls.get()).isZero();
    }

    @Test
    void aMissingModelKeyIsNamedAndNothingIsCalled() {
        Cli.Result r = assist(Map.of(), "--state", AssistFixtures.STATE_REL, "--yes");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("GEMINI_API_KEY (or GOOGLE_API_KEY) is not set");
    }

    @Test
    void helpListsEveryChoiceAsAFlag() {
        Cli.Result r = Cli.in(ws).run("assist", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--prompt=NAME", "--prompt-label", "--prompt-version", "--prompt-source", "--model=KEY",
                "--state=FILE", "--run-name=NAME", "--yes", "--delay=SECONDS", "--dry-run", "--cache");
    }
}
