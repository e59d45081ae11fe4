package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.io.Json;
import vaa.testing.BatchServer;
import vaa.testing.ChildJvm;
import vaa.testing.Cli;
import vaa.testing.OpenAiStub;
import vaa.testing.TraceCollector;

/** {@code vaa analyze --batch} and {@code vaa run --batch} against a local server speaking OpenAI's Batch API. */
class BatchCommandTest {
    static final String SOURCE = Path.of("customer_data").toAbsolutePath().toString();
    private static final Pattern CALL_ID = Pattern.compile("Call id: ([A-Za-z0-9._-]+)");
    /** 100 prompt and 20 completion tokens per answer at $1 / $2 per 1M, half price through the Batch API. */
    static final double LIVE = (100 * 1.0 + 20 * 2.0) / 1_000_000;

    @TempDir
    Path ws;

    /** Call ids whose request the server fails (in a batch and live). */
    final Set<String> failing = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void catalog() throws Exception {
        Files.writeString(ws.resolve("vaa-models.json"), """
                {"models": {"priced": {"provider": "openai", "model": "test-model", "price": {"input": 1.0, "output": 2.0}}}}""");
    }

    private BatchServer server() throws Exception {
        return new BatchServer(body -> {
            Matcher m = CALL_ID.matcher(body.path("messages").toString());
            return m.find() && failing.contains(m.group(1)) ? null : OpenAiStub.judgement("resolved", "thank you");
        });
    }

    private Cli cli(BatchServer server) {
        return Cli.in(ws).env(server.env());
    }

    private void sampled(BatchServer server, int n) {
        ok(cli(server).run("sample", "-n", String.valueOf(n), "--seed", "3", "--source", SOURCE, "--run-id", "r"));
    }

    private static void ok(Cli.Result r) {
        assertThat(r.code()).as(r.all()).isZero();
    }

    private List<JsonNode> analyses() throws Exception {
        try (Stream<Path> s = Files.list(ws.resolve("runs/r/analyses"))) {
            return s.filter(p -> !p.toString().endsWith(".error.json")).sorted().map(BatchCommandTest::read).toList();
        }
    }

    private List<Path> errors() throws Exception {
        try (Stream<Path> s = Files.list(ws.resolve("runs/r/analyses"))) {
            return s.filter(p -> p.toString().endsWith(".error.json")).sorted().toList();
        }
    }

    private static JsonNode read(Path p) {
        try {
            return Json.MAPPER.readTree(p.toFile());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode ledger() {
        return read(ws.resolve("runs/r/batches.json"));
    }

    private List<String> sampledIds() throws Exception {
        try (Stream<Path> s = Files.list(ws.resolve("runs/r/sampled"))) {
            return s.map(p -> p.getFileName().toString().replace(".json", "")).sorted().toList();
        }
    }

    @Test
    void judgesEveryCallThroughOneBatchAtTheBatchPriceAndRunsShowListsIt() throws Exception {
        try (BatchServer server = server()) {
            sampled(server, 5);
            Cli.Result r = cli(server).run("analyze", "--run-id", "r", "--model", "priced", "--batch");
            ok(r);
            assertThat(r.all()).contains("5 analysed");
            assertThat(server.creates.get()).isEqualTo(1);
            assertThat(server.live.get()).isZero();
            List<JsonNode> done = analyses();
            assertThat(done).hasSize(5);
            for (JsonNode a : done) {
                assertThat(a.path("judgement_status").asText()).isEqualTo("ok");
                assertThat(a.at("/provenance/batch_id").asText()).isEqualTo(ledger().at("/batches/0/batch_id").asText()).startsWith("batch_");
                assertThat(a.at("/provenance/cost_usd").asDouble()).isCloseTo(LIVE / 2, Offset.offset(1e-12));
                assertThat(a.at("/judgement/friction_points/0/quote_verified").isBoolean()).isTrue();
            }
            assertThat(ledger().at("/batches/0/state").asText()).isEqualTo("collected");
            assertThat(ledger().at("/batches/0/calls").size()).isEqualTo(5);
            JsonNode config = read(ws.resolve("runs/r/config.json"));
            assertThat(config.at("/args/batch").asBoolean()).isTrue();

            Cli.Result show = cli(server).run("runs", "show", "r");
            assertThat(show.out()).contains("Batches").containsPattern("batch_\\d+ +collected \\(completed\\) +5 calls: 5 answered, 0 failed");
            JsonNode json = Json.MAPPER.readTree(cli(server).run("runs", "show", "r", "--json").out());
            assertThat(json.at("/batches/0/provider_status").asText()).isEqualTo("completed");
        }
    }

    @Test
    void eachBatchAnswerIsAGenerationInItsCallsTraceAtTheBatchPrice() throws Exception {
        try (BatchServer server = server(); TraceCollector langfuse = new TraceCollector()) {
            sampled(server, 3);
            ok(Cli.in(ws).env(TraceCollector.merged(server.env(), langfuse.langfuseEnv()))
                    .run("analyze", "--run-id", "r", "--model", "priced", "--batch"));
            String batchId = ledger().at("/batches/0/batch_id").asText();

            assertThat(langfuse.roots()).hasSize(3).allSatisfy(trace -> {
                assertThat(trace.name()).isEqualTo("analysis");
                assertThat(langfuse.childrenOf(trace)).singleElement().satisfies(g -> {
                    assertThat(g.text("langfuse.observation.type")).isEqualTo("generation");
                    assertThat(g.text("gen_ai.request.model")).isEqualTo("test-model");
                    assertThat(g.text("langfuse.observation.metadata.batch_id")).isEqualTo(batchId);
                    assertThat(g.json("langfuse.observation.cost_details").path("total").asDouble()).isCloseTo(LIVE / 2, Offset.offset(1e-12));
                    assertThat(g.text("langfuse.observation.output")).contains("resolved");
                });
            });
            assertThat(server.live.get()).isZero();
        }
    }

    @Test
    void callsAnsweredBeforeAreJudgedFromTheCacheNotSubmitted() throws Exception {
        try (BatchServer server = server()) {
            sampled(server, 5);
            ok(cli(server).run("analyze", "--run-id", "r", "--model", "priced", "--limit", "2"));
            assertThat(server.live.get()).isEqualTo(2);
            // an answer in the response cache whose analysis was lost (a kill between the two)
            Path lost = analyses().isEmpty() ? null : ws.resolve("runs/r/analyses/" + analyses().get(0).path("call_id").asText() + ".json");
            Files.delete(lost);

            ok(cli(server).run("analyze", "--run-id", "r", "--batch"));
            assertThat(server.submitted).hasSize(3).doesNotContainAnyElementsOf(List.of(lost.getFileName().toString().replace(".json", "")));
            assertThat(server.live.get()).isEqualTo(2);
            assertThat(analyses()).hasSize(5);
        }
    }

    @Test
    void aBatchTheProviderFailsAsAWholeSaysWhatTheProviderSaid() throws Exception {
        try (BatchServer server = server()) {
            sampled(server, 3);
            server.failWith = "the input file has a line that is not JSON";
            Cli.Result r = cli(server).run("analyze", "--run-id", "r", "--model", "priced", "--batch");
            assertThat(r.code()).isEqualTo(1);
            assertThat(errors()).hasSize(3);
            assertThat(read(errors().get(0)).path("error").asText())
                    .contains("the provider failed the batch")
                    .contains("invalid_request: the input file has a line that is not JSON (line 1)")
                    .contains("--retry-failed");
            assertThat(ledger().at("/batches/0/provider_status").asText()).isEqualTo("failed");
        }
    }

    @Test
    void anExpiredBatchKeepsWhatWasDoneTheRestFailAndARetryRedoesThemLive() throws Exception {
        try (BatchServer server = server()) {
            sampled(server, 5);
            server.expireAfter = 2;
            Cli.Result r = cli(server).run("analyze", "--run-id", "r", "--model", "priced", "--batch");
            ok(r);
            assertThat(r.all()).contains("2 analysed").contains("3 failed").contains("expired");
            assertThat(analyses()).hasSize(2);
            assertThat(errors()).hasSize(3);
            assertThat(read(errors().get(0)).path("error").asText()).contains("expired").contains("--retry-failed");
            assertThat(ledger().at("/batches/0/provider_status").asText()).isEqualTo("expired");
            JsonNode analysis = read(ws.resolve("runs/r/status.json")).at("/stages/analysis");
            assertThat(analysis.path("status").asText()).isEqualTo("completed");
            assertThat(analysis.at("/detail/still_failed").asInt()).isEqualTo(3);

            server.expireAfter = null;
            ok(cli(server).run("analyze", "--run-id", "r", "--retry-failed"));
            assertThat(server.live.get()).isEqualTo(3);
            assertThat(server.creates.get()).isEqualTo(1);
            assertThat(analyses()).hasSize(5);
            assertThat(errors()).isEmpty();
        }
    }

    @Test
    void aFailedLineIsAFailedCallWithItsRawLineAndRetryFailedWithBatchSubmitsOnlyIt() throws Exception {
        try (BatchServer server = server()) {
            sampled(server, 4);
            String bad = sampledIds().get(1);
            failing.add(bad);
            Cli.Result r = cli(server).run("analyze", "--run-id", "r", "--model", "priced", "--batch");
            ok(r);
            assertThat(r.all()).contains("3 analysed").contains("1 failed");
            JsonNode error = read(ws.resolve("runs/r/analyses/" + bad + ".error.json"));
            assertThat(error.path("error").asText()).contains("HTTP 500").contains("the model failed on this request");
            assertThat(error.path("raw_output").asText()).contains("\"custom_id\":\"" + bad + "\"");
            assertThat(error.at("/provenance/batch_id").asText()).startsWith("batch_");

            failing.clear();
            ok(cli(server).run("analyze", "--run-id", "r", "--retry-failed", "--batch"));
            assertThat(server.creates.get()).isEqualTo(2);
            assertThat(server.submitted).hasSize(5).endsWith(bad);
            assertThat(server.live.get()).isZero();
            assertThat(analyses()).hasSize(4);
        }
    }

    @Test
    void aBatchMadeBeforeItsIdWasSavedIsFoundByItsTagAndNotSubmittedAgain() throws Exception {
        try (BatchServer server = server()) {
            sampled(server, 3);
            server.dropCreateAnswers.set(1);
            Cli.Result first = cli(server).run("analyze", "--run-id", "r", "--model", "priced", "--batch");
            assertThat(first.code()).as(first.all()).isNotZero();
            assertThat(ledger().at("/batches/0/state").asText()).isEqualTo("submitting");
            assertThat(ledger().at("/batches/0/batch_id").isMissingNode()).isTrue();

            Cli.Result again = cli(server).run("analyze", "--run-id", "r", "--batch");
            ok(again);
            assertThat(again.all()).contains("picked up, not submitted again");
            assertThat(server.creates.get()).isEqualTo(1);
            assertThat(server.uploads.get()).isEqualTo(1);
            assertThat(analyses()).hasSize(3);
        }
    }

    @Test
    void vaaRunBatchGoesThroughTheWholePipeline() throws Exception {
        try (BatchServer server = server()) {
            Cli.Result r = cli(server).run("run", "-n", "3", "--seed", "3", "--source", SOURCE, "--run-id", "r", "--model", "priced",
                    "--batch", "--stages", "sample,analyze,metrics");
            ok(r);
            assertThat(server.creates.get()).isEqualTo(1);
            assertThat(analyses()).hasSize(3).allSatisfy(a -> assertThat(a.at("/provenance/batch_id").isTextual()).isTrue());
        }
    }

    @Test
    void theEstimateWithBatchIsAtTheBatchPrice() throws Exception {
        try (BatchServer server = server()) {
            sampled(server, 3);
            double live = low(cli(server).run("analyze", "--run-id", "r", "--model", "priced", "--estimate"));
            double batched = low(cli(server).run("analyze", "--run-id", "r", "--model", "priced", "--estimate", "--batch"));
            assertThat(batched).isCloseTo(live / 2, Offset.offset(live / 100));
            assertThat(server.uploads.get()).isZero();
        }
    }

    private static double low(Cli.Result r) {
        assertThat(r.code()).as(r.all()).isZero();
        Matcher m = Pattern.compile("\\$([0-9.]+)–").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void refusesAProviderWithoutABatchApiAndMaxCostWithBatch() throws Exception {
        try (BatchServer server = server()) {
            sampled(server, 2);
            Cli.Result none = cli(server).run("analyze", "--run-id", "r", "--model", "ollama:llama3", "--batch");
            assertThat(none.code()).isEqualTo(2);
            assertThat(none.err()).contains("Model ollama:llama3's provider ollama has no Batch API in the model catalog");
            Cli.Result capped = cli(server).run("analyze", "--run-id", "r", "--model", "priced", "--batch", "--max-cost", "1");
            assertThat(capped.code()).isEqualTo(2);
            assertThat(capped.err()).contains("--max-cost cannot be used with --batch");
            assertThat(server.uploads.get()).isZero();
        }
    }

    @Test
    void vaaRunRefusesWhatBatchCannotDoBeforeDrawingASample() throws Exception {
        try (BatchServer server = server()) {
            Cli.Result none = cli(server).run("run", "-n", "2", "--source", SOURCE, "--run-id", "r", "--model", "ollama:llama3", "--batch");
            assertThat(none.code()).isEqualTo(2);
            assertThat(none.err()).contains("has no Batch API in the model catalog").doesNotContain("resume with");
            Cli.Result capped = cli(server).run("run", "-n", "2", "--source", SOURCE, "--run-id", "r", "--model", "priced",
                    "--batch", "--max-cost", "1");
            assertThat(capped.code()).isEqualTo(2);
            assertThat(capped.err()).contains("--max-cost cannot be used with --batch").doesNotContain("resume with");
            assertThat(ws.resolve("runs/r")).doesNotExist();
        }
    }

    @Test
    void anUploadThatLandedButWasNeverRecordedIsUsedNotUploadedAgain() throws Exception {
        try (BatchServer server = server()) {
            sampled(server, 3);
            server.dropUploadAnswers.set(1);   // the file is stored; the answer with its id never arrives
            assertThat(cli(server).run("analyze", "--run-id", "r", "--model", "priced", "--batch").code()).isNotZero();
            assertThat(ledger().at("/batches/0/state").asText()).isEqualTo("uploading");
            assertThat(ledger().at("/batches/0/input_file_id").isMissingNode() || ledger().at("/batches/0/input_file_id").isNull()).isTrue();

            Cli.Result again = cli(server).run("analyze", "--run-id", "r", "--model", "priced", "--batch");
            ok(again);
            assertThat(again.out()).contains("was uploaded before vaa stopped; used, not uploaded again");
            assertThat(server.uploads.get()).isEqualTo(1);
            assertThat(server.creates.get()).isEqualTo(1);
            assertThat(server.submitted).hasSize(3).doesNotHaveDuplicates();
            assertThat(analyses()).hasSize(3);
        }
    }

    @Test
    void aProviderThatCannotListItsFilesGetsTheFileAgainAndEachCallIsStillSubmittedOnce() throws Exception {
        try (BatchServer server = server()) {
            sampled(server, 3);
            server.dropUploadAnswers.set(1);
            server.refuseFileList = true;
            assertThat(cli(server).run("analyze", "--run-id", "r", "--model", "priced", "--batch").code()).isNotZero();

            Cli.Result again = cli(server).run("analyze", "--run-id", "r", "--model", "priced", "--batch");
            ok(again);
            assertThat(again.err()).contains("Could not look for an earlier upload", "uploading it again");
            assertThat(server.uploads.get()).isEqualTo(2);
            assertThat(server.creates.get()).isEqualTo(1);
            assertThat(server.submitted).hasSize(3).doesNotHaveDuplicates();
        }
    }

    @Test
    void batchesNotYetCollectedAreCollectedWithTheirModelAndNeverJudgedLive() throws Exception {
        try (BatchServer server = server()) {
            sampled(server, 2);
            server.dropCreateAnswers.set(1);
            assertThat(cli(server).run("analyze", "--run-id", "r", "--model", "priced", "--batch").code()).isNotZero();

            Cli.Result other = cli(server).run("analyze", "--run-id", "r", "--model", "openai:other-model", "--batch");
            assertThat(other.code()).isEqualTo(2);
            assertThat(other.err()).contains("for model priced not yet collected").contains("--model priced");
            Cli.Result live = cli(server).run("analyze", "--run-id", "r", "--no-batch");
            assertThat(live.code()).isEqualTo(2);
            assertThat(live.err()).contains("not yet collected").contains("vaa analyze --batch");

            // without a word about batches, the open one is collected, not judged live
            ok(cli(server).run("analyze", "--run-id", "r"));
            assertThat(server.live.get()).isZero();
            assertThat(server.creates.get()).isEqualTo(1);
            assertThat(analyses()).hasSize(2);
        }
    }

    @Test
    void aKillBetweenSubmitAndPollResumesWithVaaRunResumeAndNeverSubmitsTwice() throws Exception {
        try (BatchServer server = server()) {
            sampled(server, 4);
            server.hold = true;
            ProcessBuilder pb = new ProcessBuilder(ChildJvm.command(vaa.Vaa.class, "analyze", "--run-id", "r", "--model", "priced",
                    "--batch")).directory(ws.toFile()).redirectErrorStream(true).redirectOutput(ws.resolve("child.log").toFile());
            pb.environment().putAll(server.env());
            Process child = pb.start();
            try {
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (!(Files.exists(ws.resolve("runs/r/batches.json")) && ledger().at("/batches/0/batch_id").isTextual())) {
                    assertThat(child.isAlive()).as(Files.exists(ws.resolve("child.log")) ? Files.readString(ws.resolve("child.log")) : "").isTrue();
                    assertThat(System.nanoTime()).as("the child submitted its batch in time").isLessThan(deadline);
                    Thread.sleep(20);
                }
                child.destroyForcibly();   // SIGKILL: no shutdown hook, no last write
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                if (child.isAlive()) {
                    child.destroyForcibly();
                }
            }
            assertThat(ledger().at("/batches/0/state").asText()).isEqualTo("submitted");
            assertThat(analyses()).isEmpty();
            Cli.Result show = cli(server).run("runs", "show", "r");
            // the child may have polled once before the kill (the provider's state and half answered), or not
            assertThat(show.out()).containsPattern("batch_\\d+ +submitted( \\(in_progress\\))? +4 calls: [02] answered, 0 failed");

            server.hold = false;
            ok(cli(server).run("run", "--run-id", "r", "--resume", "--stages", "sample,analyze"));
            assertThat(server.creates.get()).isEqualTo(1);
            assertThat(server.uploads.get()).isEqualTo(1);
            assertThat(server.submitted).hasSize(4).doesNotHaveDuplicates();
            assertThat(analyses()).hasSize(4);
            assertThat(ledger().at("/batches/0/state").asText()).isEqualTo("collected");
        }
    }
}
