package vaa.assist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.io.Json;
import vaa.llm.ChatMessage;
import vaa.llm.LlmClient;
import vaa.llm.LlmException;
import vaa.llm.LlmRequest;
import vaa.llm.LlmResponse;
import vaa.llm.ModelCatalog;
import vaa.llm.Sleeper;
import vaa.llm.Tracer;
import vaa.prompt.Prompt;

class ExperimentRunnerTest {
    static final String RUN = "gemini-3-flash-minimal-thinking_elg_b2c_objection_assist_v7_20260215_140623";
    static final String PRICE_BODY = "Anerkend at prisen betyder noget, og spørg hvad de betaler for strøm i dag, så du kan vise forskellen.";

    @TempDir
    Path ws;

    final RecordingListener view = new RecordingListener();
    final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    final Sleeper sleeper = waits::add;
    final List<LlmRequest> requests = Collections.synchronizedList(new ArrayList<>());

    static Prompt prompt() {
        return Prompt.chat("elg_b2c_objection_assist", 7, List.of(
                ChatMessage.system("Coach."),
                ChatMessage.user("STATE:\n{{state}}\n\nTRANSCRIPT:\n{{new_transcript}}\n\nPREVIOUS:\n{{previous_suggestions}}")),
                null, List.of("production"), "langfuse https://cloud.langfuse.com");
    }

    ExperimentPlan plan(boolean dryRun) {
        Path dir = AssistFixtures.campaign(ws);
        StateFile state = StateFile.load(ws.resolve(AssistFixtures.STATE_REL));
        Campaign campaign = new Campaign(dir);
        return new ExperimentPlan(prompt(), ModelCatalog.builtIn().entry("3"), state, AssistFixtures.STATE_REL, campaign,
                campaign.conversation("conv_1"), campaign.labels("conv_1"), RUN, Duration.ofMillis(500), dryRun);
    }

    /** Answers the n-th call with the n-th answer; a RuntimeException in the list is thrown instead. */
    LlmClient scripted(Object... answers) {
        return new LlmClient() {
            @Override
            public LlmResponse complete(LlmRequest request, Consumer<String> onDelta) {
                int n = requests.size();
                requests.add(request);
                Object a = answers[n];
                if (a instanceof RuntimeException e) {
                    throw e;
                }
                return (LlmResponse) a;
            }
        };
    }

    static LlmResponse answer(String content, long ttft, long e2e) {
        return new LlmResponse(content, ttft, e2e, new LlmResponse.Usage(812, 24, 836), "req-" + ttft, "gemini-3-flash-preview", false);
    }

    ExperimentResult run(ExperimentPlan plan, LlmClient client) {
        try (ExperimentFiles files = ExperimentFiles.create(ws, plan.runName())) {
            return new ExperimentRunner(plan, client, files, view, sleeper, Tracer.OFF, plan.runName()).run();
        }
    }

    String log() throws Exception {
        return Files.readString(ExperimentFiles.logPath(ws, RUN));
    }

    List<JsonNode> records() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(ExperimentFiles.recordsPath(ws, RUN))) {
            out.add(Json.MAPPER.readTree(line));
        }
        return out;
    }

    /** The golden file is byte for byte what the seed's own fmt_* functions write for these inputs (checked with CPython). */
    @Test
    void logMatchesTheSeedsLayout() throws Exception {
        ExperimentResult result = run(plan(false), scripted(
                answer("skip", 410, 950),
                answer("show|objection_price\n" + PRICE_BODY, 388, 1210),
                answer("<think>Konen skal spørges.</think>\nshow|objection_decision_maker\nForeslå et møde, hvor konen også er med.", 515, 1333)));

        assertThat(result.shown()).isEqualTo(2);
        assertThat(result.skipped()).isEqualTo(1);
        if (Boolean.getBoolean("assist.updateGolden")) {
            // regenerate with -Dassist.updateGolden=true, then read the diff before committing it
            Files.writeString(Path.of("src/test/resources/assist/golden/experiment_log.txt"), log());
        }
        String golden = new String(getClass().getResourceAsStream("/assist/golden/experiment_log.txt").readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(log()).isEqualTo(golden);
    }

    @Test
    void shownBodiesAccumulateIntoLaterPromptsAndStatesComeFromThePreviousStep() {
        run(plan(false), scripted(
                answer("show|need_discovery\nSpørg til elregningen.", 1, 2),
                answer("skip", 1, 2),
                answer("show|other\nx", 1, 2)));

        assertThat(requests).hasSize(3);
        String first = requests.get(0).messages().get(1).content();
        String third = requests.get(2).messages().get(1).content();
        assertThat(first).contains("\"phase\": \"opening\"", "PREVIOUS:\n(none)", "Sælger:\n\nHej, det er Mads fra Solenergi.\n\nKunden:\n\nHej.");
        assertThat(requests.get(1).messages().get(1).content()).contains("\"phase\": \"p1\"", "PREVIOUS:\nSpørg til elregningen.");
        assertThat(third).contains("\"phase\": \"p2\"", "PREVIOUS:\nSpørg til elregningen.")
                .endsWith("Kunden:\n\nDet lyder dyrt.\n\nSælger:\n\nDet forstår jeg godt.\n\nKunden:\n\nOg min kone skal også spørges.\n\nPREVIOUS:\nSpørg til elregningen.");
        assertThat(view.events).contains("done 1 OK show|need_discovery", "done 2 OK skip", "done 3 OK show|other");
    }

    @Test
    void aFailingStepInTheMiddleIsCountedLoggedAndTheLoopGoesOn() throws Exception {
        ExperimentResult result = run(plan(false), scripted(
                answer("skip", 100, 200),
                LlmException.http(400, "api.example.com", "max_tokens is too large", null),
                answer("show|other\nBody.", 300, 400)));

        assertThat(requests).hasSize(3);
        assertThat(result.failed()).isEqualTo(1);
        assertThat(result.completed()).isEqualTo(2);
        assertThat(result.avgTtftMs()).isEqualTo(200.0);
        assertThat(log()).contains("[Step 2/3 \u00b7 Utterance 1\u21925 \u00b7 Phase: p1 \u00b7 FAILED]",
                "\u2500\u2500 Error \u2500\u2500\nLLM call failed: HTTP 400 from api.example.com: max_tokens is too large\n",
                "[Step 3/3 \u00b7 Utterance 5\u21927",
                "  Steps:        3\n  Shown:        1 (33%)\n  Skipped:      1 (33%)\n  Failed:       1\n  Avg TTFT:     200ms\n");
        assertThat(view.events).contains("done 2 FAILED");
        assertThat(records().get(1).get("status").asText()).isEqualTo("failed");
        assertThat(records().get(1).get("error").asText()).startsWith("LLM call failed: HTTP 400");
        assertThat(waits).as("the delay still separates every step").hasSize(2);
    }

    @Test
    void jsonlHasOneRecordPerStepWithDecisionTimingsUsagePromptAndModel() throws Exception {
        run(plan(false), scripted(answer("skip", 10, 20), answer("show|objection_price\n" + PRICE_BODY, 30, 40),
                answer("Just do it.", 50, 60)));

        List<JsonNode> records = records();
        assertThat(records).hasSize(3);
        JsonNode shown = records.get(1);
        assertThat(shown.get("run").asText()).isEqualTo(RUN);
        assertThat(shown.get("step").asInt()).isEqualTo(2);
        assertThat(shown.get("utterance_index").asInt()).isEqualTo(5);
        assertThat(shown.get("previous_utterance_index").asInt()).isEqualTo(1);
        assertThat(shown.get("phase").asText()).isEqualTo("p1");
        assertThat(shown.get("status").asText()).isEqualTo("ok");
        assertThat(shown.get("decision").asText()).isEqualTo("show");
        assertThat(shown.get("tag").asText()).isEqualTo("objection_price");
        assertThat(shown.get("body").asText()).isEqualTo(PRICE_BODY);
        assertThat(shown.get("ttft_ms").asLong()).isEqualTo(30);
        assertThat(shown.get("e2e_ms").asLong()).isEqualTo(40);
        assertThat(shown.at("/usage/total_tokens").asLong()).isEqualTo(836);
        assertThat(shown.at("/prompt/name").asText()).isEqualTo("elg_b2c_objection_assist");
        assertThat(shown.at("/prompt/version").asInt()).isEqualTo(7);
        assertThat(shown.at("/model/key").asText()).isEqualTo("3");
        assertThat(shown.at("/model/model").asText()).isEqualTo("gemini-3-flash-preview");
        assertThat(records.get(0).get("decision").asText()).isEqualTo("skip");
        assertThat(records.get(0).get("tag").isNull()).isTrue();
        assertThat(records.get(2).get("tag").asText()).isEqualTo("unknown");
        assertThat(records.get(2).get("warning").asText()).startsWith("Unexpected first line format: 'Just do it.'");
        assertThat(view.events).contains("warn Unexpected first line format: 'Just do it.' — treating as show|unknown");
    }

    @Test
    void dryRunCallsNoModelAndLogsEachCompiledPrompt() throws Exception {
        ExperimentResult result = run(plan(true), null);

        assertThat(result.compiled()).isEqualTo(3);
        assertThat(result.dryRun()).isTrue();
        assertThat(waits).isEmpty();
        String log = log();
        assertThat(log).contains("  Mode:         dry run",
                "[Step 1/3 \u00b7 Utterance 0\u21921 \u00b7 Phase: opening \u00b7 dry run]",
                "\u2500\u2500 Compiled Prompt (2 messages) \u2500\u2500\n[system]\nCoach.\n\n[user]\nSTATE:\n{\n  \"phase\": \"opening\",",
                "  SUMMARY (dry run: no model calls)\n", "  Compiled:     3\n");
        assertThat(log).doesNotContain("Avg TTFT");
        JsonNode first = records().get(0);
        assertThat(first.get("status").asText()).isEqualTo("dry_run");
        assertThat(first.get("messages")).hasSize(2);
        assertThat(first.at("/messages/1/content").asText()).contains("PREVIOUS:\n(none)");
    }

    @Test
    void interruptingTheLoopDuringACallEndsItWithAnInterruptedFooter() throws Exception {
        CountDownLatch secondCallStarted = new CountDownLatch(1);
        LlmClient client = (request, onDelta) -> {
            requests.add(request);
            if (requests.size() == 1) {
                return answer("skip", 10, 20);
            }
            secondCallStarted.countDown();
            try {
                Thread.sleep(60_000);   // a model that never answers; only the loop's interrupt ends the wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw LlmException.interrupted("api.example.com");
        };
        AtomicReference<ExperimentResult> result = new AtomicReference<>();
        Thread loop = new Thread(() -> result.set(run(plan(false), client)));
        loop.start();
        assertThat(secondCallStarted.await(10, TimeUnit.SECONDS)).isTrue();
        loop.interrupt();
        loop.join(10_000);

        assertThat(loop.isAlive()).isFalse();
        assertThat(result.get().interruptedAt()).isEqualTo(2);
        assertThat(result.get().run()).isEqualTo(1);
        String log = log();
        assertThat(log).contains("[Step 1/3").doesNotContain("[Step 2/3");
        assertThat(log).endsWith("""

                ================================================================================
                  SUMMARY (interrupted at step 2 of 3)
                ================================================================================
                  Steps:        1
                  Shown:        0 (0%)
                  Skipped:      1 (100%)
                  Avg TTFT:     10ms
                  Avg E2E:      20ms
                  Tags:         (none)
                ================================================================================
                """);
        assertThat(records()).hasSize(1);
    }

    @Test
    void interruptingTheDelayStopsBeforeTheNextStep() throws Exception {
        Sleeper interrupted = d -> {
            throw new InterruptedException();
        };
        ExperimentResult result;
        ExperimentPlan plan = plan(false);
        try (ExperimentFiles files = ExperimentFiles.create(ws, plan.runName())) {
            result = new ExperimentRunner(plan, scripted(answer("skip", 1, 2)), files, view, interrupted, Tracer.OFF, plan.runName()).run();
        }
        assertThat(result.interruptedAt()).isEqualTo(2);
        assertThat(requests).hasSize(1);
        assertThat(log()).contains("SUMMARY (interrupted at step 2 of 3)");
        assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is handled, not left pending").isFalse();
    }

    @Test
    void theDelaySeparatesStepsButDoesNotFollowTheLast() {
        run(plan(false), scripted(answer("skip", 1, 2), answer("skip", 1, 2), answer("skip", 1, 2)));
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
    }
}
