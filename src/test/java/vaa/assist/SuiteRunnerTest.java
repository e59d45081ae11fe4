package vaa.assist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.io.Env;
import vaa.io.Json;
import vaa.llm.LlmClient;
import vaa.llm.LlmException;
import vaa.llm.LlmRequest;
import vaa.llm.LlmResponse;
import vaa.llm.ModelCatalog;
import vaa.llm.Tracer;

/** Suites over the demo campaign with a scripted model: parallel conversations, resume after a kill, Ctrl+C. */
class SuiteRunnerTest {
    static final Env ENV = Env.of(Map.of("GEMINI_API_KEY", "test-key-not-real"));
    static final Map<String, String> ANSWERS = Map.of("A2", "show|order_correction\nConfirm the decaf first.",
            "B3", "show|upsell\nOffer the sugar free syrup.");

    @TempDir
    Path ws;

    final RecordingListener view = new RecordingListener();
    final List<String> asked = Collections.synchronizedList(new ArrayList<>());

    /** Answers by step, with timings fixed per step so that two runs write the same bytes. */
    LlmClient model(String blockOn, CountDownLatch reached) {
        return new LlmClient() {
            @Override
            public LlmResponse complete(LlmRequest request, Consumer<String> onDelta) {
                String step = SuiteFixtures.step(Json.MAPPER.valueToTree(Map.of("messages", request.messages())));
                asked.add(step);
                if (step.equals(blockOn)) {
                    reached.countDown();
                    try {
                        new CountDownLatch(1).await();   // a model that never answers, until the call is abandoned
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw LlmException.interrupted("test");
                    }
                }
                int n = step.hashCode() & 0xff;
                return new LlmResponse(ANSWERS.getOrDefault(step, "skip"), 100L + n, 300 + n, new LlmResponse.Usage(500, 7, 507),
                        "req-" + step, "gemini-3-flash-preview", false);
            }
        };
    }

    AssistSetup setup() {
        return new AssistSetup(ws, ENV, Clock.systemDefaultZone(), false, () -> {
            throw new IllegalStateException("nothing is asked");
        }, view, ModelCatalog.builtIn());
    }

    SuitePlan newSuite(String name, int workers) {
        AssistOptions options = AssistOptions.none().withModel("3").withYes(true).withRunName(name).withDelay(Duration.ZERO)
                .withSuite(new AssistOptions.SuiteFlags(true, List.of(), workers, null));
        return (SuitePlan) setup().plan(options).orElseThrow();
    }

    SuitePlan resumed(String name) {
        return (SuitePlan) setup().plan(AssistOptions.none().withSuite(new AssistOptions.SuiteFlags(false, List.of(), null, name)))
                .orElseThrow();
    }

    SuiteResult run(SuitePlan plan, LlmClient client) {
        return new SuiteRunner(ws, plan, client, view, d -> { }, Tracer.OFF).run();
    }

    Path file(String suite, String conversation, String ext) {
        return ws.resolve("experiments/" + suite + "/" + conversation + ext);
    }

    byte[] bytes(Path p) throws IOException {
        return Files.readAllBytes(p);
    }

    static void cut(Path file, long length) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(length);
        }
    }

    @Test
    void conversationsRunInParallelWithTheirStepsInOrder() {
        SuiteFixtures.demoCampaign(ws);
        SuiteResult r = run(newSuite("s", 2), model(null, null));

        assertThat(asked).hasSize(SuiteFixtures.STEPS).doesNotHaveDuplicates();
        assertThat(asked.stream().filter(s -> s.startsWith("A")).toList()).containsExactly("A1", "A2", "A3");
        assertThat(asked.stream().filter(s -> s.startsWith("B")).toList()).containsExactly("B1", "B2", "B3", "B4");
        assertThat(r.interrupted()).isFalse();
        assertThat(r.replayed()).isEqualTo(2);
        assertThat(r.summary().status()).isEqualTo(SuiteSummary.COMPLETE);
        assertThat(r.summary().overall().shown()).isEqualTo(2);
        assertThat(r.summary().overall().tags()).containsOnly(Map.entry("order_correction", 1), Map.entry("upsell", 1));
        assertThat(SuiteManifest.read(ws, "s").conversations()).extracting(SuiteManifest.Member::name)
                .containsExactly(SuiteFixtures.A, SuiteFixtures.B);
    }

    @Test
    void afterAKillFinishedStepsAreNotAskedAgainAndTheFilesComeOutByteForByteAsAnUninterruptedRunWritesThem() throws Exception {
        SuiteFixtures.demoCampaign(ws);
        run(newSuite("s", 2), model(null, null));
        byte[] logA = bytes(file("s", SuiteFixtures.A, ".txt"));
        byte[] logB = bytes(file("s", SuiteFixtures.B, ".txt"));
        byte[] recordsB = bytes(file("s", SuiteFixtures.B, ".jsonl"));
        String summary = Files.readString(SuiteSummary.jsonPath(ws, "s"));

        // what a kill -9 leaves: A recorded every step but died before the log's footer; B recorded two steps
        // and was writing the third record, its log cut inside step 3's block
        String a = new String(logA, StandardCharsets.UTF_8);
        cut(file("s", SuiteFixtures.A, ".txt"), a.substring(0, a.indexOf("\n" + "=".repeat(80) + "\n  SUMMARY")).getBytes(StandardCharsets.UTF_8).length);
        String records = new String(recordsB, StandardCharsets.UTF_8);
        int third = records.indexOf('\n', records.indexOf('\n') + 1) + 1;
        cut(file("s", SuiteFixtures.B, ".jsonl"), third + 40);
        cut(file("s", SuiteFixtures.B, ".txt"), new String(logB, StandardCharsets.UTF_8).indexOf("[Step 3/4") + 25);
        Files.delete(SuiteSummary.jsonPath(ws, "s"));
        asked.clear();

        SuiteResult r = run(resumed("s"), model(null, null));

        assertThat(asked).as("only the steps without a complete record").containsExactly("B3", "B4");
        assertThat(bytes(file("s", SuiteFixtures.A, ".txt"))).isEqualTo(logA);
        assertThat(bytes(file("s", SuiteFixtures.B, ".txt"))).isEqualTo(logB);
        assertThat(bytes(file("s", SuiteFixtures.B, ".jsonl"))).isEqualTo(recordsB);
        assertThat(r.summary().status()).isEqualTo(SuiteSummary.COMPLETE);
        assertThat(Files.readString(SuiteSummary.jsonPath(ws, "s"))).isEqualTo(summary);
        assertThat(view.events).contains("conversation " + SuiteFixtures.B + " finished from step 3",
                "conversation " + SuiteFixtures.A + " finished from step 4");
    }

    @Test
    void ctrlCStopsTheConversationsInFlightWithAnInterruptedFooterAndTheNextRunFinishesThem() throws Exception {
        SuiteFixtures.demoCampaign(ws);
        SuitePlan plan = newSuite("s", 2);
        CountDownLatch reached = new CountDownLatch(1);
        AtomicReference<SuiteResult> result = new AtomicReference<>();
        Thread runner = new Thread(() -> result.set(run(plan, model("B2", reached))));
        runner.start();
        assertThat(reached.await(30, TimeUnit.SECONDS)).isTrue();
        runner.interrupt();
        runner.join(TimeUnit.SECONDS.toMillis(30));

        SuiteResult r = result.get();
        assertThat(r.interrupted()).isTrue();
        assertThat(r.summary().status()).isEqualTo(SuiteSummary.INCOMPLETE);
        assertThat(Files.readString(file("s", SuiteFixtures.B, ".txt"))).contains("  SUMMARY (interrupted at step 2 of 4)");
        assertThat(Files.readAllLines(file("s", SuiteFixtures.B, ".jsonl"))).hasSize(1);
        // A may have been finished or stopped too, depending on how far its worker got
        int recordedA = Files.exists(file("s", SuiteFixtures.A, ".jsonl")) ? Files.readAllLines(file("s", SuiteFixtures.A, ".jsonl")).size() : 0;
        asked.clear();

        SuiteResult again = run(resumed("s"), model(null, null));

        assertThat(asked.stream().filter(s -> s.startsWith("B")).toList()).containsExactly("B2", "B3", "B4");
        assertThat(asked.stream().filter(s -> s.startsWith("A")).toList())
                .containsExactlyElementsOf(List.of("A1", "A2", "A3").subList(recordedA, 3));
        assertThat(again.summary().status()).isEqualTo(SuiteSummary.COMPLETE);
        String log = Files.readString(file("s", SuiteFixtures.B, ".txt"));
        assertThat(log).doesNotContain("interrupted").contains("[Step 4/4");
        assertThat(log.split("\\[Step 2/4", -1)).hasSize(2);
    }

    @Test
    void aConversationWhoseRecordsNoLongerFitItsStateFileIsReportedAndTheOthersGoOn() throws Exception {
        SuiteFixtures.demoCampaign(ws);
        run(newSuite("s", 1), model(null, null));
        Path records = file("s", SuiteFixtures.B, ".jsonl");
        Files.writeString(records, Files.readString(records).replaceFirst("\"utterance_index\":0", "\"utterance_index\":9"));
        Files.delete(file("s", SuiteFixtures.A, ".txt"));
        asked.clear();

        SuiteResult r = run(resumed("s"), model(null, null));

        assertThat(r.errors()).singleElement().asString().startsWith(SuiteFixtures.B + ": ").contains("does not match");
        assertThat(asked).isEmpty();
        assertThat(Files.readString(file("s", SuiteFixtures.A, ".txt"))).as("A's log written again from its records").contains("  SUMMARY\n");
    }

    @Test
    void anUnreadableStateFileIsSkippedAndReportedNotTheSuite() throws Exception {
        SuiteFixtures.demoCampaign(ws);
        AssistFixtures.write(ws.resolve(SuiteFixtures.CAMPAIGN + "/state_experiments/zz.state.json"), "{\"conversation\": \"none.wav\", \"steps\": [{\"utterance_index\": 1}]}");

        SuitePlan plan = newSuite("s", 4);
        SuiteResult r = run(plan, model(null, null));

        assertThat(plan.conversations()).hasSize(2);
        assertThat(plan.skipped()).singleElement().satisfies(k -> assertThat(k.reason()).contains("No processed conversation for none"));
        assertThat(view.events).anyMatch(e -> e.startsWith("warn Skipping " + SuiteFixtures.CAMPAIGN + "/state_experiments/zz.state.json"));
        assertThat(r.summary().skippedStateFiles()).hasSize(1);
        assertThat(r.summary().status()).isEqualTo(SuiteSummary.COMPLETE);
    }

    @Test
    void aResumedSuiteUsesThePromptItStartedWithEvenWhenTheSourceNowServesAnother() throws Exception {
        SuiteFixtures.demoCampaign(ws);
        run(newSuite("s", 1), model(null, null));
        AssistFixtures.write(ws.resolve("prompts/elg_b2c_objection_assist.json"),
                "{\"name\": \"elg_b2c_objection_assist\", \"version\": 9, \"type\": \"text\", \"prompt\": \"{{state}}\"}");

        SuitePlan plan = resumed("s");

        assertThat(plan.prompt().version()).isEqualTo(1);
        assertThat(plan.prompt().messages()).isNotEmpty();
    }
}
