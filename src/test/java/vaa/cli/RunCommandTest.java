package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vaa.Vaa;
import vaa.io.Json;
import vaa.testing.ChildJvm;
import vaa.testing.Cli;
import vaa.testing.RunFixtures;
import vaa.testing.OpenAiStub;

class RunCommandTest {
    static final String SOURCE = Path.of("customer_data").toAbsolutePath().toString();

    @TempDir
    Path ws;

    @Test
    void aModelWithoutItsKeyIsRefusedBeforeTheRunIsMade() {
        Cli.Result r = Cli.in(ws).run("run", "-n", "3", "--seed", "1", "--source", SOURCE, "--run-id", "fresh", "--model", "groq:llama");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("GROQ_API_KEY is not set").doesNotContain("resume with");
        assertThat(ws.resolve("runs").resolve("fresh")).doesNotExist();
    }

    @Test
    void withoutAModelTheWholePipelineRunsStructurallyAndSealsTheRun() throws Exception {
        Cli.Result r = Cli.in(ws).run("run", "-n", "12", "--seed", "2", "--source", SOURCE, "--run-id", "plain");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("Run plain completed and sealed", "12 sampled, 12 analysed", "report: runs/plain/reports/report.html");
        assertThat(r.err()).contains("Judgement skipped", "Insights computed without a model");
        JsonNode status = Json.MAPPER.readTree(ws.resolve("runs/plain/status.json").toFile());
        assertThat(status.get("overall_status").asText()).isEqualTo("completed");
        for (String stage : new String[] {"sampling", "analysis", "metrics", "nl_extraction", "insights", "report"}) {
            assertThat(status.at("/stages/" + stage + "/status").asText()).as(stage).isEqualTo("completed");
            assertThat(status.at("/stages/" + stage + "/finished_at").asText()).as(stage).isNotBlank();
        }
        for (String f : new String[] {"metrics.json", "nl_fields.json", "insights.json", "insights.md", "report.md", "report.html"}) {
            assertThat(ws.resolve("runs/plain/reports/" + f)).exists();
        }
        Cli.Result again = Cli.in(ws).run("metrics", "--run-id", "plain");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("sealed");
    }

    @Test
    void withAModelEveryStageUsesItAndTheRunIsRecorded() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(b -> b.toString().contains("Call id:") ? OpenAiStub.variedJudgement(b) : insights(b))) {
            Cli.Result r = Cli.in(ws).env(stub.env()).run("run", "-n", "10", "--seed", "9", "--source", SOURCE, "--run-id", "m",
                    "--model", "openai:judge", "--insights-model", "openai:synth", "--workers", "4");
            assertThat(r.code()).as(r.all()).isZero();
            assertThat(r.out()).containsPattern("resolved \\d+% \\[\\d+–\\d+\\], task completed \\d+% .*of 10 judged calls");
            JsonNode config = Json.MAPPER.readTree(ws.resolve("runs/m/config.json").toFile());
            assertThat(config.at("/args/sample_size").asInt()).isEqualTo(10);
            assertThat(config.at("/args/seed").asLong()).isEqualTo(9);
            assertThat(config.at("/models/analysis/model").asText()).isEqualTo("judge");
            assertThat(config.at("/models/insights/model").asText()).isEqualTo("synth");
            assertThat(Files.readString(ws.resolve("runs/m/reports/insights.json"))).contains("\"produced_by\" : \"model\"");
            assertThat(Files.readString(ws.resolve("runs/m/config.json"))).doesNotContain("sk-test-key-123");
        }
    }

    @Test
    void aFailingStageSaysWhichAndHowToResume() throws Exception {
        Files.createDirectories(ws.resolve("broken"));
        Files.writeString(ws.resolve("broken/call.json"), "{\"utterances\": [");
        Cli.Result r = Cli.in(ws).run("run", "-n", "5", "--source", "broken", "--run-id", "bad");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Stage sampling stopped; resume with: vaa run --run-id bad --resume\n");
        assertThat(r.err().strip().lines().reduce((a, b) -> b).orElseThrow()).startsWith("No readable transcripts");
    }

    @Test
    void skippedFilesAndASampleShortOfNAreSaidOnTheConsole() throws Exception {
        Path src = Files.createDirectories(ws.resolve("mixed"));
        for (int i = 1; i <= 3; i++) {
            Files.writeString(src.resolve("ok" + i + ".txt"), "Agent: Hello.\nCustomer: My card is blocked.\nAgent: Unblocked.\n");
            Files.writeString(src.resolve("bad" + i + ".json"), "{\"utterances\": [");
        }

        Cli.Result r = Cli.in(ws).run("run", "-n", "5", "--seed", "1", "--source", "mixed", "--run-id", "short");

        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.all()).containsOnlyOnce("Skipped 3 unreadable files:").contains("bad1.json", "bad2.json", "bad3.json")
                .containsOnlyOnce("Asked for 5 calls, but only 3 of the 6 transcripts in mixed could be read (3 unreadable);"
                        + " the sample has 3.");
        assertThat(r.out()).contains("3 sampled, 3 analysed");
    }

    @Test
    void badInputIsRefusedBeforeARunIsCreated() {
        assertThat(Cli.in(ws).run("run", "-n", "5", "--source", "no/such/dir").err()).contains("Source not found: no/such/dir");
        assertThat(Cli.in(ws).run("run", "-n", "0", "--source", SOURCE).code()).isEqualTo(2);
        assertThat(ws.resolve("runs")).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--model|nosuch|Unknown model \"nosuch\". Valid keys:",
            "--insights-model|nosuch|Unknown model \"nosuch\". Valid keys:",
            "--prompt-source|nowhere|Unknown prompt source \"nowhere\"",
            "--source|no/such/dir|Source not found"})
    void aRefusedRunLeavesNoRunAndMovesNoPointer(String option, String value, String message) throws Exception {
        RunFixtures.empty(ws, "prior");
        Files.delete(ws.resolve(".last_run"));
        String latest = latest();
        String[] args = option.equals("--source") ? new String[] {"run", "-n", "5", "--run-id", "e2", option, value}
                : new String[] {"run", "-n", "5", "--source", SOURCE, "--run-id", "e2", option, value};

        Cli.Result r = Cli.in(ws).run(args);

        assertThat(r.code()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains(message).doesNotContain("Resume with");
        assertThat(r.out()).doesNotContain("Creating isolated run");
        assertThat(ws.resolve("runs/e2")).doesNotExist();
        try (Stream<Path> files = Files.list(ws)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".last_run"));
        }
        assertThat(latest()).isEqualTo(latest);
    }

    private String latest() throws java.io.IOException {
        Path link = ws.resolve("runs/latest");
        return Files.isSymbolicLink(link) ? Files.readSymbolicLink(link).toString() : Files.readString(link);
    }

    @Test
    void resumeAfterAKilledAnalysisGivesTheSameReportAsAnUninterruptedRun() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(b -> b.toString().contains("Call id:") ? OpenAiStub.variedJudgement(b) : insights(b)).delay(150)) {
            StringBuilder dotEnv = new StringBuilder();
            stub.env().forEach((k, v) -> dotEnv.append(k).append('=').append(v).append('\n'));
            Files.writeString(ws.resolve(".env"), dotEnv);
            String[] args = {"-n", "12", "--seed", "5", "--source", SOURCE, "--model", "openai:judge", "--insights-model", "openai:synth", "--workers", "2"};
            Path analyses = ws.resolve("runs/crashed/analyses");
            try (ChildJvm child = ChildJvm.start(ws, Vaa.class, concat(new String[] {"run", "--run-id", "crashed"}, args))) {
                long deadline = System.currentTimeMillis() + 30_000;
                while (count(analyses) < 4 && System.currentTimeMillis() < deadline && child.process().isAlive()) {
                    Thread.sleep(20);
                }
                child.kill();
            }
            assertThat(count(analyses)).isBetween(4L, 11L);
            JsonNode mid = Json.MAPPER.readTree(ws.resolve("runs/crashed/status.json").toFile());
            assertThat(mid.at("/stages/analysis/status").asText()).isEqualTo("running");

            Cli.Result resumed = Cli.in(ws).env(stub.env()).run("run", "--run-id", "crashed", "--resume");
            assertThat(resumed.code()).as(resumed.all()).isZero();
            assertThat(resumed.out()).contains("sampling: already completed, skipped");
            Cli.Result clean = Cli.in(ws).env(stub.env()).run(concat(new String[] {"run", "--run-id", "clean"}, args));
            assertThat(clean.code()).as(clean.all()).isZero();

            assertThat(normalise(Files.readString(ws.resolve("runs/crashed/reports/report.md")), "crashed"))
                    .isEqualTo(normalise(Files.readString(ws.resolve("runs/clean/reports/report.md")), "clean"));
            assertThat(Files.readString(ws.resolve("runs/crashed/manifest.csv"))).isEqualTo(Files.readString(ws.resolve("runs/clean/manifest.csv")));
        }
    }

    @Test
    void fromReusesTheSampleOfASealedRunAndRecordsItsParent() throws Exception {
        assertThat(Cli.in(ws).run("run", "-n", "6", "--seed", "3", "--source", SOURCE, "--run-id", "base").code()).isZero();
        String parentStatus = Files.readString(ws.resolve("runs/base/status.json"));

        Cli.Result r = Cli.in(ws).run("run", "--from", "base", "--run-id", "fork");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("sampling: the 6 calls of run base reused, skipped", "6 sampled (the sample of run base), 6 analysed",
                "Run fork completed and sealed");
        assertThat(Files.readString(ws.resolve("runs/fork/manifest.csv"))).isEqualTo(Files.readString(ws.resolve("runs/base/manifest.csv")));
        try (Stream<Path> files = Files.list(ws.resolve("runs/base/sampled"))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path mine = ws.resolve("runs/fork/sampled").resolve(p.getFileName());
                assertThat(Files.mismatch(p, mine)).as(p.getFileName().toString()).isEqualTo(-1L);
            }
        }
        JsonNode config = Json.MAPPER.readTree(ws.resolve("runs/fork/config.json").toFile());
        assertThat(config.get("parent_run").asText()).isEqualTo("base");
        assertThat(config.at("/args/sample_size").asInt()).isEqualTo(6);
        assertThat(config.at("/args/seed").asLong()).isEqualTo(3);
        assertThat(config.at("/source/transcripts_dir").asText()).isEqualTo(SOURCE);
        JsonNode status = Json.MAPPER.readTree(ws.resolve("runs/fork/status.json").toFile());
        assertThat(status.at("/stages/sampling/detail/reused_from").asText()).isEqualTo("base");
        assertThat(Files.readString(ws.resolve("runs/base/status.json"))).as("the parent is only read").isEqualTo(parentStatus);
        assertThat(Cli.in(ws).run("runs", "show", "fork").out()).contains("Sample of: run base");
    }

    @Test
    void fromWithAnotherModelJudgesTheSameCallsAndCompareShowsWhatChanged() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(b -> !b.toString().contains("Call id:") ? insights(b)
                : b.path("model").asText().equals("strict") ? strict(b) : OpenAiStub.variedJudgement(b))) {
            Cli.Result base = Cli.in(ws).env(stub.env()).run("run", "-n", "8", "--seed", "4", "--source", SOURCE, "--run-id", "base",
                    "--model", "openai:judge", "--insights-model", "openai:synth");
            assertThat(base.code()).as(base.all()).isZero();
            Cli.Result fork = Cli.in(ws).env(stub.env()).run("run", "--from", "base", "--run-id", "strict", "--model", "openai:strict");
            assertThat(fork.code()).as(fork.all()).isZero();

            JsonNode config = Json.MAPPER.readTree(ws.resolve("runs/strict/config.json").toFile());
            assertThat(config.at("/models/analysis/model").asText()).isEqualTo("strict");
            assertThat(config.at("/args/insights_model").asText()).as("not given again: the parent's").isEqualTo("openai:synth");
            assertThat(config.at("/prompts/analysis/name").asText()).isEqualTo("call_analysis");
            assertThat(stub.requestsByCall).hasSize(8).allSatisfy((id, n) -> assertThat(n.get()).as(id).isEqualTo(2));

            long notUnresolved = 0;
            try (Stream<Path> files = Files.list(ws.resolve("runs/base/analyses"))) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    notUnresolved += Json.MAPPER.readTree(p.toFile()).at("/judgement/outcome").asText().equals("unresolved") ? 0 : 1;
                }
            }
            Cli.Result compare = Cli.in(ws).run("runs", "compare", "base", "strict");
            assertThat(compare.code()).as(compare.all()).isZero();
            assertThat(compare.out()).contains("Run B  strict", "model openai:strict", "(sample of run base)",
                    "Calls: 8 in both runs (0 only in A, 0 only in B), 8 judged in both.",
                    notUnresolved + " call" + (notUnresolved == 1 ? "" : "s") + " changed outcome");
        }
    }

    @Test
    void fromRefusesWhatWouldNotBeANewRunOnTheSameSample() {
        assertThat(Cli.in(ws).run("run", "-n", "3", "--seed", "3", "--source", SOURCE, "--run-id", "base").code()).isZero();
        Cli.Result n = Cli.in(ws).run("run", "--from", "base", "-n", "5");
        assertThat(n.code()).isEqualTo(2);
        assertThat(n.err()).contains("--from reuses the sample of run base");
        assertThat(Cli.in(ws).run("run", "--from", "base", "--resume", "--run-id", "base").err()).contains("cannot be combined with --resume");
        assertThat(Cli.in(ws).run("run", "--from", "base", "--run-id", "base").err()).contains("Run base exists already");
        Cli.Result missing = Cli.in(ws).run("run", "--from", "nope");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("No run 'nope'");
        RunFixtures.empty(ws, "pending");
        Cli.Result empty = Cli.in(ws).run("run", "--from", "pending");
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.err()).contains("Run pending has no finished sample");
        try (Stream<Path> runs = Files.list(ws.resolve("runs"))) {
            assertThat(runs.map(p -> p.getFileName().toString())).as("no run was made by a refused --from")
                    .containsExactlyInAnyOrder("base", "pending", "latest");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The strict judge finds every call unresolved. */
    private static String strict(JsonNode body) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode j = (com.fasterxml.jackson.databind.node.ObjectNode)
                    Json.MAPPER.readTree(OpenAiStub.variedJudgement(body));
            return j.put("outcome", "unresolved").put("task_completed", false).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Run ids, clocks, timings and cache counters legitimately differ between the two runs; nothing else may. */
    private static String normalise(String report, String runId) {
        return report.replace(runId.replace("_", "\\_"), "RUN").replace(runId, "RUN")
                .replaceAll("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2})?", "TIME")
                .replaceAll("\\d+(\\.\\d+)? s of analysis", "N s of analysis")
                .replaceAll("(?m)^.*cached.*$", "");
    }

    private static String insights(JsonNode body) {
        return "{\"summary\": \"Customers get stuck when orders are misheard.\", \"themes\": [{\"title\": \"Misheard orders\","
                + " \"explanation\": \"Several calls needed the order repeated.\", \"call_count\": 2, \"supporting_call_ids\": [],"
                + " \"recommendations\": [\"Read the order back before confirming.\"]}]}";
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    private static long count(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith(".")).count();
        }
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
