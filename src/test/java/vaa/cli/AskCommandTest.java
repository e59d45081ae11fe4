package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.ask.AskFixtures;
import vaa.io.Json;
import vaa.testing.Cli;
import vaa.testing.OpenAiStub;

/** {@code vaa ask} through the real command line. */
class AskCommandTest {
    @TempDir
    Path ws;

    OpenAiStub stub;

    @BeforeEach
    void start() throws Exception {
        stub = new OpenAiStub(req -> "Verification fails [" + AskFixtures.contextIds(req).get(0) + "], see also [nope].");
        AskFixtures.standard(ws, "r");
    }

    @AfterEach
    void stop() throws Exception {
        stub.close();
    }

    Cli.Result ask(Map<String, String> env, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "ask";
        System.arraycopy(args, 0, all, 1, args.length);
        return Cli.in(ws).env(env).run(all);
    }

    @Test
    void anAnswerEndsWithTheCitedCallsTheFlaggedOnesAndTheRunId() {
        Cli.Result r = ask(stub.env(), "--run-id", "r", "--model", "openai:stub", "What", "goes", "wrong", "with", "password", "resets?");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("(1 call in context; waiting for the model...)\nVerification fails [pwd-reset], see also [nope].\n\n"
                        + "Cited calls (1): pwd-reset\n"
                        + "  ⚠ [nope] was not in the context: not a call of this run\n"
                        + "Run: r · 1 of 1 retrieved calls in context · openai:stub · ",
                "Saved: runs/r/reports/asks/");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void jsonPrintsTheSavedRecordAndNothingElseOnStdout() throws Exception {
        Cli.Result r = ask(stub.env(), "--run-id", "r", "--model", "openai:stub", "--top", "2", "--json", "Why do calls fail?");
        assertThat(r.code()).as(r.all()).isZero();
        JsonNode rec = Json.MAPPER.readTree(r.out());
        assertThat(rec.path("question").asText()).isEqualTo("Why do calls fail?");
        assertThat(rec.path("run_id").asText()).isEqualTo("r");
        assertThat(rec.path("retrieved_ids")).hasSize(2);
        assertThat(rec.path("cited_ids").toString()).doesNotContain("nope");
        assertThat(rec.path("citations_flagged").toString()).contains("nope");
        assertThat(rec.path("prompt").path("name").asText()).isEqualTo("ask");
        assertThat(rec.path("usage").path("total_tokens").asInt()).isEqualTo(120);
        Path saved = ws.resolve("runs/r").resolve(rec.path("files").path("json").asText());
        assertThat(Json.MAPPER.readTree(saved.toFile())).isEqualTo(rec);
    }

    @Test
    void withoutAModelTheMatchingCallsAreListedWithHowToConfigureOne() {
        Cli.Result r = ask(Map.of(), "--run-id", "r", "Why do calls fail?");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("Calls of run r matching the question (6 of 11):",
                "An answer needs a model — no model configured: the default insights model \"gemini-pro\" needs GEMINI_API_KEY",
                "pass --model KEY (see vaa models list).", "Run: r · saved runs/r/reports/asks/");
        assertThat(stub.requests.get()).isZero();
    }

    @Test
    void aWorkspaceCatalogMayNameAnAskModel() throws Exception {
        Files.writeString(ws.resolve("vaa-models.json"), "{\"models\": {\"asker\": {\"provider\": \"openai\", \"model\": \"asker-1\"}},"
                + " \"defaults\": {\"ask\": \"asker\"}}");
        Cli.Result r = ask(stub.env(), "--run-id", "r", "--json", "refund");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("\"key\" : \"asker\"");
    }

    @Test
    void aRunWithNoAnalysesIsExit2WithAClearMessage() {
        AskFixtures.run(ws, "empty");
        Cli.Result r = ask(Map.of(), "--run-id", "empty", "Why do calls fail?");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("ERROR: Nothing to ask about in run empty: it has no analyses yet. Analyse its calls first: vaa analyze --run-id empty.");
    }

    @Test
    void scriptsMustNameTheRunAndGiveAQuestion() {
        Cli.Result noRun = ask(Map.of(), "Why?");
        assertThat(noRun.code()).isEqualTo(2);
        assertThat(noRun.err()).contains("ERROR: Non-interactive mode requires explicit --run-id or --run-dir");

        Cli.Result noQuestion = ask(Map.of(), "--run-id", "r");
        assertThat(noQuestion.code()).isEqualTo(2);
        assertThat(noQuestion.err()).contains("No question given");

        Map<String, String> env = new HashMap<>();
        env.put("LAST_RUN", "r");
        assertThat(ask(env, "refund").out()).contains("Calls of run r matching the question");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(ask(Map.of(), "--run-id", "r", "--top", "0", "q").err()).contains("--top must be between 1 and 200");
        assertThat(ask(Map.of(), "--run-id", "r", "--budget", "10", "q").err()).contains("--budget must be at least 1000 tokens");
        Cli.Result unknownModel = ask(Map.of(), "--run-id", "r", "--model", "nope", "q");
        assertThat(unknownModel.code()).isEqualTo(2);
        assertThat(unknownModel.err()).contains("Unknown model \"nope\"");
    }
}
