package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.Vaa;
import vaa.io.Json;
import vaa.testing.ChildJvm;
import vaa.testing.Cli;
import vaa.testing.OpenAiStub;

class AnalyzeCommandTest {
    static final String SOURCE = Path.of("customer_data").toAbsolutePath().toString();

    @TempDir
    Path ws;

    private Cli cli(OpenAiStub stub) {
        return Cli.in(ws).env(stub.env());
    }

    private List<Path> analyses(String run, String glob) throws Exception {
        try (Stream<Path> s = Files.list(ws.resolve("runs/" + run + "/analyses"))) {
            return s.filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName())).sorted().toList();
        }
    }

    @Test
    void analysesEveryCallOnceAndARepeatAfterLosingResultsCostsNothing() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(b -> OpenAiStub.judgement("resolved", "thank you"))) {
            assertThat(cli(stub).run("sample", "-n", "8", "--seed", "3", "--source", SOURCE, "--run-id", "r").code()).isZero();
            Cli.Result first = cli(stub).run("analyze", "--run-id", "r", "--model", "openai:test-model", "--workers", "3");
            assertThat(first.code()).as(first.all()).isZero();
            assertThat(first.out()).contains("8 analysed, 0 failed");
            assertThat(stub.requests.get()).isEqualTo(8);
            assertThat(analyses("r", "*.json")).hasSize(8);
            JsonNode one = Json.MAPPER.readTree(analyses("r", "*.json").get(0).toFile());
            assertThat(one.at("/judgement/outcome").asText()).isEqualTo("resolved");
            assertThat(one.at("/provenance/prompt_name").asText()).isEqualTo("call_analysis");
            assertThat(one.at("/provenance/usage/total_tokens").asInt()).isEqualTo(120);
            assertThat(one.at("/structural/utterances").asInt()).isPositive();

            // resume is the default: nothing left to do, nothing sent
            Cli.Result again = cli(stub).run("analyze", "--run-id", "r", "--model", "openai:test-model");
            assertThat(again.out()).contains("0 analysed, 0 failed, 8 already done");
            assertThat(stub.requests.get()).isEqualTo(8);

            // results lost: the run's response cache answers, identically, for free
            for (Path p : analyses("r", "*.json")) {
                Files.delete(p);
            }
            cli(stub).run("analyze", "--run-id", "r", "--model", "openai:test-model");
            assertThat(stub.requests.get()).isEqualTo(8);
            assertThat(Json.MAPPER.readTree(analyses("r", "*.json").get(0).toFile()).get("judgement"))
                    .isEqualTo(one.get("judgement"));

            JsonNode status = Json.MAPPER.readTree(ws.resolve("runs/r/status.json").toFile());
            assertThat(status.at("/stages/analysis/status").asText()).isEqualTo("completed");
            assertThat(status.at("/stages/analysis/count").asInt()).isEqualTo(8);
            JsonNode config = Json.MAPPER.readTree(ws.resolve("runs/r/config.json").toFile());
            assertThat(config.at("/models/analysis/model").asText()).isEqualTo("test-model");
            assertThat(config.at("/prompts/analysis/version").asInt()).isEqualTo(1);
            assertThat(Files.readString(ws.resolve("runs/r/config.json"))).doesNotContain("sk-test-key-123");
        }
    }

    @Test
    void aCallThatKeepsFailingGetsAnErrorFileWithRawOutputAndRetryFailedRedoesIt() throws Exception {
        Map<String, Boolean> broken = new HashMap<>();
        broken.put("on", true);
        try (OpenAiStub stub = new OpenAiStub(b -> broken.get("on") && b.toString().contains("harper")
                ? "I cannot answer in JSON, sorry" : OpenAiStub.judgement("resolved", "x"))) {
            cli(stub).run("sample", "-n", "12", "--seed", "11", "--source", SOURCE, "--run-id", "r", "--where", "source=harper-valley");
            Cli.Result r = cli(stub).run("analyze", "--run-id", "r", "--model", "openai:test-model", "--workers", "1");
            // the first calls all failed, so the rest were not tried: a misconfigured model is not retried 500 times
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.out()).contains("0 analysed");
            assertThat(r.err()).containsPattern("Stopped: the first [5-7] calls all failed, so the other [5-7] were not tried")
                    .contains("--retry-failed");
            List<Path> errors = analyses("r", "*.error.json");
            assertThat(errors.size()).isBetween(5, 7);
            JsonNode err = Json.MAPPER.readTree(errors.get(0).toFile());
            assertThat(err.get("raw_output").asText()).isEqualTo("I cannot answer in JSON, sorry");
            assertThat(err.get("error").asText()).contains("after a repair attempt");
            assertThat(stub.requests.get()).isEqualTo(2 * errors.size());
            int failedCalls = errors.size();
            JsonNode status = Json.MAPPER.readTree(ws.resolve("runs/r/status.json").toFile());
            assertThat(status.at("/stages/analysis/status").asText()).isEqualTo("failed");

            broken.put("on", false);
            Cli.Result skip = cli(stub).run("analyze", "--run-id", "r", "--model", "openai:test-model");
            assertThat(skip.out()).contains((12 - failedCalls) + " analysed, 0 failed, 0 already done");
            assertThat(skip.all()).contains(failedCalls + " calls failed before", "--retry-failed");
            assertThat(stub.requests.get()).isEqualTo(2 * failedCalls + 12 - failedCalls);
            Cli.Result retry = cli(stub).run("analyze", "--run-id", "r", "--model", "openai:test-model", "--retry-failed");
            assertThat(retry.out()).contains(failedCalls + " analysed, 0 failed");
            assertThat(analyses("r", "*.error.json")).isEmpty();
        }
    }

    @Test
    void withoutAModelAnalysesAreStructuralOnlyAndSaySo() throws Exception {
        Cli.in(ws).run("sample", "-n", "5", "--seed", "1", "--source", SOURCE, "--run-id", "r");
        Cli.Result r = Cli.in(ws).run("analyze", "--run-id", "r");
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("Judgement skipped", "GEMINI_API_KEY", "--model");
        assertThat(r.out()).contains("5 structural only");
        JsonNode a = Json.MAPPER.readTree(analyses("r", "*.json").get(0).toFile());
        assertThat(a.get("judgement").isNull()).isTrue();
        assertThat(a.get("judgement_status").asText()).isEqualTo("skipped");
    }

    @Test
    void anExplicitModelWithoutItsKeyIsAClearUsageError() {
        Cli.in(ws).run("sample", "-n", "2", "--seed", "1", "--source", SOURCE, "--run-id", "r");
        Cli.Result r = Cli.in(ws).run("analyze", "--run-id", "r", "--model", "groq:llama");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("GROQ_API_KEY is not set");
    }

    @Test
    void anExplicitModelWithoutItsKeyLeavesNoNewRunBehind() {
        Cli.Result r = Cli.in(ws).run("analyze", "--run-id", "fresh", "--model", "groq:llama");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("GROQ_API_KEY is not set");
        assertThat(ws.resolve("runs").resolve("fresh")).doesNotExist();
    }

    @Test
    void aRunWithoutASampleSaysWhatToDo() {
        Cli.Result r = Cli.in(ws).run("analyze", "--run-id", "empty");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("has no sampled calls", "vaa sample");
    }

    @Test
    void afterKillDashNineTheRerunFinishesAndSendsNothingForCallsAlreadyDone() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(b -> OpenAiStub.judgement("resolved", "x")).delay(250)) {
            Cli.in(ws).run("sample", "-n", "12", "--seed", "5", "--source", SOURCE, "--run-id", "r");
            StringBuilder dotEnv = new StringBuilder();
            stub.env().forEach((k, v) -> dotEnv.append(k).append('=').append(v).append('\n'));
            Files.writeString(ws.resolve(".env"), dotEnv);
            Path analysesDir = ws.resolve("runs/r/analyses");
            Map<String, Integer> before = new HashMap<>();
            try (ChildJvm child = ChildJvm.start(ws, Vaa.class, "analyze", "--run-id", "r", "--model", "openai:test-model", "--workers", "2")) {
                long deadline = System.currentTimeMillis() + 30_000;
                while (countJson(analysesDir) < 4 && System.currentTimeMillis() < deadline && child.process().isAlive()) {
                    Thread.sleep(20);
                }
                var childOut = child.process().getInputStream();
                String output = new String(childOut.readNBytes(childOut.available()));
                child.kill();
                assertThat(countJson(analysesDir)).as(output).isGreaterThanOrEqualTo(4);
            }
            List<String> done;
            try (Stream<Path> s = Files.list(analysesDir)) {
                done = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).map(n -> n.replace(".json", "")).toList();
            }
            assertThat(done.size()).isBetween(4, 11);
            stub.requestsByCall.forEach((k, v) -> before.put(k, v.get()));

            Cli.Result rerun = Cli.in(ws).env(stub.env()).run("analyze", "--run-id", "r", "--model", "openai:test-model");
            assertThat(rerun.code()).as(rerun.all()).isZero();
            assertThat(countJson(analysesDir)).isEqualTo(12);
            for (String id : done) {
                assertThat(stub.requestsByCall.get(id).get()).as("requests for finished call " + id).isEqualTo(before.get(id));
            }
            assertThat(stub.requestsByCall.values().stream().mapToInt(AtomicInteger::get).sum())
                    .as("every call paid at most once, except one cut mid-flight").isLessThanOrEqualTo(12 + 2);
        }
    }

    private static long countJson(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith(".")).count();
        }
    }
}
