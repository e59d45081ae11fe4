package vaa.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.VaaException;
import vaa.extract.ExtractStage;
import vaa.io.Env;
import vaa.io.Json;
import vaa.llm.Tracer;
import vaa.metrics.MetricsStage;
import vaa.run.Run;
import vaa.testing.MessageLog;
import vaa.testing.OpenAiStub;

class InsightsStageTest {
    static final String MODEL = "openai:test-model";

    @TempDir
    Path ws;

    final List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());
    final MessageLog sink = new MessageLog();

    /** A run with metrics and notes in place, as after stages 3 and 4. */
    private Run prepared(int judged) throws Exception {
        Run run = InsightFixtures.run(ws, "r", judged);
        MetricsStage.run(run, null);
        ExtractStage.run(run);
        return run;
    }

    private static List<String> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> String.format("call-%02d", i)).toList();
    }

    private OpenAiStub stub(Function<JsonNode, String> answer) throws Exception {
        return new OpenAiStub(body -> {
            requests.add(body);
            return answer.apply(body);
        });
    }

    private InsightsReport insights(Run run, OpenAiStub stub, InsightsStage.Options o) {
        Env env = stub == null ? Env.of(Map.of()) : Env.of(stub.env());
        return new InsightsStage(env, ws, sink, () -> false, Tracer.OFF).run(run, o);
    }

    private static InsightsStage.Options model() {
        return InsightsStage.Options.defaults().withModel(MODEL);
    }

    private static InsightsStage.Options budget(int tokens) {
        return new InsightsStage.Options(MODEL, null, null, null, null, null, tokens, 2);
    }

    private static JsonNode json(Path file) throws Exception {
        return Json.MAPPER.readTree(file.toFile());
    }

    @Test
    void synthesisesThemesInOneRequestWithTheSchemaAndRecordsModelAndPrompt() throws Exception {
        Run run = prepared(12);
        try (OpenAiStub stub = stub(b -> InsightFixtures.answer("Unconfirmed orders", InsightFixtures.idsShown(b)))) {
            InsightsReport r = insights(run, stub, model());

            assertThat(requests).hasSize(1);
            JsonNode request = requests.get(0);
            assertThat(request.at("/response_format/type").asText()).isEqualTo("json_schema");
            assertThat(request.at("/response_format/json_schema/name").asText()).isEqualTo("insights");
            assertThat(InsightFixtures.userText(request)).contains("Run: r", "\"outcomes\"", "Notes covering 12 calls");
            assertThat(InsightFixtures.idsShown(request)).containsExactlyElementsOf(ids(12));

            assertThat(r.producedBy()).isEqualTo(InsightsReport.BY_MODEL);
            assertThat(r.method().mode()).isEqualTo(InsightMethod.SINGLE_PASS);
            assertThat(r.themes()).singleElement().satisfies(t -> {
                assertThat(t.title()).isEqualTo("Unconfirmed orders");
                assertThat(t.callCount()).isEqualTo(12);
                assertThat(t.supportingCallIds()).containsExactlyElementsOf(ids(12));
                assertThat(t.recommendations()).containsExactly("Read the order back before placing it.");
            });
            assertThat(r.invalidIdsRemoved()).isEmpty();
            assertThat(r.usage().total()).isEqualTo(120);

            JsonNode file = json(InsightsReport.jsonFile(run));
            assertThat(file.at("/model/key").asText()).isEqualTo(MODEL);
            assertThat(file.at("/prompt/name").asText()).isEqualTo("insights");
            assertThat(file.at("/prompt/version").asInt()).isEqualTo(2);
            assertThat(file.at("/prompt/source").asText()).isEqualTo("built-in");
            assertThat(file.at("/method/token_estimate").asText()).contains("characters / 4");
            assertThat(file.at("/themes/0/kind").isMissingNode()).isTrue();
            JsonNode config = json(run.dir().resolve("config.json"));
            assertThat(config.at("/models/insights/model").asText()).isEqualTo("test-model");
            assertThat(config.at("/prompts/insights/name").asText()).isEqualTo("insights");
            assertThat(config.at("/args/insights_model").asText()).isEqualTo(MODEL);
            assertThat(Files.readString(run.dir().resolve("config.json"))).doesNotContain("sk-test-key-123");
            JsonNode stage = Json.MAPPER.valueToTree(run.status()).at("/stages/insights");
            assertThat(stage.get("status").asText()).isEqualTo("completed");
            assertThat(stage.get("count").asInt()).isEqualTo(1);

            String md = Files.readString(InsightsReport.markdownFile(run));
            assertThat(md).contains("# Insights: run r", "Synthesised by model openai:test-model", "insights v2 (built-in)",
                    "## 1. Unconfirmed orders", "**Calls:** 12", "- Read the order back before placing it.",
                    "[call-00](../analyses/call-00.json)", "One request over the notes of 12 calls");
        }
    }

    @Test
    void aSecondRunIsAnsweredFromTheRunsCache() throws Exception {
        Run run = prepared(6);
        try (OpenAiStub stub = stub(b -> InsightFixtures.answer("Unconfirmed orders", InsightFixtures.idsShown(b)))) {
            InsightsReport first = insights(run, stub, model());
            InsightsReport again = insights(run, stub, model());

            assertThat(stub.requests.get()).isEqualTo(1);
            assertThat(again.themes()).isEqualTo(first.themes());
            assertThat(again.method().cachedRequests()).isEqualTo(1);
        }
    }

    @Test
    void idsThatAreNotCallsOfThisRunAreRemovedAndRecorded() throws Exception {
        Run run = prepared(6);
        try (OpenAiStub stub = stub(b -> InsightFixtures.answer("Unconfirmed orders",
                List.of("call-01", "ghost-7", " call-02 ", "call-99", "call-01")))) {
            InsightsReport r = insights(run, stub, model());

            assertThat(r.themes().get(0).supportingCallIds()).containsExactly("call-01", "call-02");
            assertThat(r.invalidIdsRemoved()).containsExactly(
                    new InsightSynthesizer.RemovedId("single pass", "Unconfirmed orders", "ghost-7"),
                    new InsightSynthesizer.RemovedId("single pass", "Unconfirmed orders", "call-99"));
            assertThat(json(InsightsReport.jsonFile(run)).at("/invalid_ids_removed/0/id").asText()).isEqualTo("ghost-7");
            assertThat(Files.readString(InsightsReport.markdownFile(run))).contains("## Call ids removed", "`ghost-7`", "`call-99`");
            assertThat(sink.lines()).anyMatch(n -> n.startsWith("[warn] 2 supporting call ids were not calls of this run"));
        }
    }

    @Test
    void anInvalidAnswerIsRepairedInOneMoreRound() throws Exception {
        Run run = prepared(6);
        AtomicInteger n = new AtomicInteger();
        try (OpenAiStub stub = stub(b -> n.incrementAndGet() == 1 ? "Here are the themes: {\"themes\": [{\"title\": 3}"
                : InsightFixtures.answer("Unconfirmed orders", List.of("call-00")))) {
            InsightsReport r = insights(run, stub, model());

            assertThat(requests).hasSize(2);
            JsonNode repair = requests.get(1).path("messages");
            assertThat(repair.get(repair.size() - 2).path("role").asText()).isEqualTo("assistant");
            assertThat(repair.get(repair.size() - 1).path("content").asText()).contains("Your answer is not valid");
            assertThat(r.themes()).extracting(InsightTheme::title).containsExactly("Unconfirmed orders");
            assertThat(r.method().requests()).isEqualTo(2);
        }
    }

    @Test
    void anAnswerStillInvalidAfterRepairFailsTheStageWithTheRawOutputAndTheNextRunAsksAfresh() throws Exception {
        Run run = prepared(6);
        AtomicInteger mode = new AtomicInteger();
        try (OpenAiStub stub = stub(b -> mode.get() == 0 ? "I would rather not."
                : InsightFixtures.answer("Unconfirmed orders", List.of("call-00")))) {
            assertThatThrownBy(() -> insights(run, stub, model())).isInstanceOf(InsightFailure.class)
                    .hasMessageContaining("after a repair attempt")
                    .satisfies(e -> assertThat(((VaaException) e).exitCode()).isEqualTo(1));
            JsonNode err = json(InsightsReport.errorFile(run));
            assertThat(err.get("raw_output").asText()).isEqualTo("I would rather not.");
            assertThat(err.get("step").asText()).isEqualTo("single pass");
            assertThat(Json.MAPPER.valueToTree(run.status()).at("/stages/insights/status").asText()).isEqualTo("failed");
            assertThat(requests).hasSize(2);

            mode.set(1);
            InsightsReport r = insights(run, stub, model());
            assertThat(requests).hasSize(3); // the failed attempt's cached answer is not replayed
            assertThat(r.themes()).hasSize(1);
            assertThat(InsightsReport.errorFile(run)).doesNotExist();
        }
    }

    @Test
    void notesOverTheBudgetAreSummarisedInBatchesCoveringEveryCallAndThenMerged() throws Exception {
        int calls = 30;
        Run run = prepared(calls);
        int budget = 2_500;
        try (OpenAiStub stub = stub(b -> InsightFixtures.answer(InsightFixtures.isBatch(b) ? "Batch theme" : "Merged theme",
                InsightFixtures.idsShown(b)))) {
            InsightsReport r = insights(run, stub, budget(budget));

            List<JsonNode> batchRequests = requests.stream().filter(InsightFixtures::isBatch).toList();
            List<JsonNode> mergeRequests = requests.stream().filter(b -> !InsightFixtures.isBatch(b)).toList();
            assertThat(batchRequests).hasSizeGreaterThanOrEqualTo(2);
            assertThat(mergeRequests).hasSize(1);
            // every call's notes went to exactly one first-round batch
            List<String> shown = batchRequests.stream()
                    .filter(b -> InsightFixtures.userText(b).contains("- call "))
                    .flatMap(b -> InsightFixtures.idsShown(b).stream()).sorted().toList();
            assertThat(shown).containsExactlyElementsOf(ids(calls));
            for (JsonNode b : requests) {
                assertThat(InsightBudget.estimate(InsightFixtures.userText(b))).isLessThan(budget);
            }
            JsonNode merge = mergeRequests.get(0);
            assertThat(InsightFixtures.userText(merge)).contains("Notes covering 30 calls", "- theme: Batch theme").doesNotContain("- call ");
            assertThat(InsightFixtures.idsShown(merge)).containsExactlyInAnyOrderElementsOf(ids(calls));

            InsightMethod m = r.method();
            assertThat(m.mode()).isEqualTo(InsightMethod.MAP_REDUCE);
            assertThat(m.budgetTokens()).isEqualTo(budget);
            assertThat(m.budgetBasis()).isEqualTo("--context-budget");
            assertThat(m.singlePassTokens()).isGreaterThan(budget);
            List<InsightMethod.Batch> first = m.batches().stream().filter(b -> b.level() == 1).toList();
            assertThat(first).hasSize(m.chunks()).hasSize(batchRequests.size());
            assertThat(first.stream().mapToInt(InsightMethod.Batch::calls).sum()).isEqualTo(calls);
            assertThat(m.batches()).allSatisfy(b -> assertThat(b.estimatedTokens()).isLessThanOrEqualTo(budget));
            assertThat(m.mergeTokens()).isLessThanOrEqualTo(budget);
            assertThat(m.requests()).isEqualTo(requests.size());
            assertThat(r.themes()).singleElement().satisfies(t -> assertThat(t.supportingCallIds()).hasSize(calls));

            JsonNode file = json(InsightsReport.jsonFile(run));
            assertThat(file.at("/prompt/chunk_prompt/name").asText()).isEqualTo("insights_chunk");
            assertThat(json(run.dir().resolve("config.json")).at("/prompts/insights/chunk_prompt/version").asInt()).isEqualTo(2);
            assertThat(Files.readString(InsightsReport.markdownFile(run))).contains("summarised in " + m.chunks() + " batches");
            assertThat(sink.lines()).anyMatch(n -> n.contains("summarising them in batches"));
        }
    }

    @Test
    void themesStillTooBigAfterOneRoundAreSummarisedAgainBeforeTheMerge() throws Exception {
        Run run = prepared(30);
        int budget = 1_600;
        // every batch answers with several wordy themes, so the first round's themes do not fit the merge prompt
        try (OpenAiStub stub = stub(b -> {
            List<String> shown = InsightFixtures.idsShown(b);
            if (!InsightFixtures.isBatch(b) || !InsightFixtures.userText(b).contains("- call ")) {
                return InsightFixtures.answer("Merged", shown);
            }
            return wordyThemes(shown);
        })) {
            InsightsReport r = insights(run, stub, budget(budget));

            assertThat(r.method().levels()).isGreaterThanOrEqualTo(2);
            assertThat(r.method().batches()).anyMatch(b -> b.level() == 2);
            assertThat(r.method().mergeTokens()).isLessThanOrEqualTo(budget);
            assertThat(r.themes().get(0).supportingCallIds()).hasSize(30);
        }
    }

    private static String wordyThemes(List<String> ids) {
        var a = Json.MAPPER.createObjectNode();
        a.put("summary", "batch");
        var arr = a.putArray("themes");
        for (int i = 0; i < 4; i++) {
            var t = arr.addObject();
            t.put("title", "Theme " + i).put("explanation", "An explanation that goes on for a while. ".repeat(6)).put("call_count", ids.size());
            var idArr = t.putArray("supporting_call_ids");
            ids.forEach(idArr::add);
            t.putArray("recommendations").add("Do something concrete about it.");
        }
        return a.toString();
    }

    @Test
    void aBudgetTooSmallForTheBatchPromptIsAUsageErrorAndNothingIsSent() throws Exception {
        Run run = prepared(6);
        try (OpenAiStub stub = stub(b -> InsightFixtures.answer("x", List.of()))) {
            assertThatThrownBy(() -> insights(run, stub, budget(100))).isInstanceOf(VaaException.class)
                    .hasMessageContaining("--context-budget")
                    .satisfies(e -> assertThat(((VaaException) e).exitCode()).isEqualTo(2));
            assertThat(requests).isEmpty();
        }
    }

    @Test
    void withoutAModelThemesAreComputedFromTheMetricsAndLabelledSo() throws Exception {
        Run run = prepared(12);
        InsightsReport r = insights(run, null, InsightsStage.Options.defaults());

        assertThat(r.producedBy()).isEqualTo(InsightsReport.COMPUTED);
        assertThat(r.computedWithoutModel()).isTrue();
        assertThat(r.model()).isNull();
        assertThat(r.notice()).contains("computed from metrics.json", "No model read the calls");
        assertThat(r.modelSkippedReason()).contains("GEMINI_API_KEY");
        assertThat(r.howToConfigure()).contains("--model KEY", "vaa insights --run-id r");
        assertThat(r.method().mode()).isEqualTo(InsightMethod.COMPUTED);
        assertThat(r.themes()).extracting(InsightTheme::kind).contains("outcome", "friction", "agent_error", "latency");
        // 12 calls cycle through 6 outcomes: 2 unresolved, with their ids from the notes
        assertThat(r.themes()).filteredOn(t -> t.title().equals("Calls ending unresolved")).singleElement().satisfies(t -> {
            assertThat(t.callCount()).isEqualTo(2);
            assertThat(t.supportingCallIds()).containsExactly("call-01", "call-07");
            assertThat(t.explanation()).contains("2 of 12 judged calls", "95% CI");
        });
        assertThat(r.themes()).filteredOn(t -> "friction".equals(t.kind())).first()
                .satisfies(t -> assertThat(t.recommendations()).isNotEmpty());
        // the slowest single responses: call-11 (11.5 s), call-10 (10.5 s), then a tie at 9.5 s broken by id;
        // the structural-only call has timings too and counts
        assertThat(r.themes()).filteredOn(t -> "latency".equals(t.kind())).singleElement()
                .satisfies(t -> assertThat(t.supportingCallIds()).startsWith("call-11", "call-10", "call-09", "zz-structural"));

        JsonNode file = json(InsightsReport.jsonFile(run));
        assertThat(file.get("produced_by").asText()).isEqualTo("computed_without_model");
        assertThat(file.get("model").isNull()).isTrue();
        assertThat(Files.readString(InsightsReport.markdownFile(run))).contains("**Computed without a model.**", "GEMINI_API_KEY",
                "rule-based");
        assertThat(json(run.dir().resolve("config.json")).at("/models/insights").asText()).isEqualTo("none (computed without a model)");
        assertThat(Json.MAPPER.valueToTree(run.status()).at("/stages/insights/status").asText()).isEqualTo("completed");
        assertThat(sink.lines()).anyMatch(n -> n.startsWith("[warn] Insights computed without a model"));
    }

    @Test
    void withoutNotesTheComputedThemesUseTheMetricsExamplesAndSaySo() throws Exception {
        Run run = InsightFixtures.run(ws, "r", 12);
        MetricsStage.run(run, null);
        InsightsReport r = insights(run, null, InsightsStage.Options.defaults());

        assertThat(r.themes()).filteredOn(t -> "friction".equals(t.kind())).first().satisfies(t -> {
            assertThat(t.supportingCallIds()).isNotEmpty();
            assertThat(t.explanation()).contains("metrics.json's examples");
        });
        assertThat(r.inputs()).containsEntry("nl_fields", null);
    }

    @Test
    void computedThemesOfALargeRunListTheFirstIdsAndSayHowManyThereAre() throws Exception {
        Run run = prepared(InsightsWithoutModel.MAX_IDS * 6 + 6);
        InsightsReport r = insights(run, null, InsightsStage.Options.defaults());

        InsightTheme unresolved = r.themes().stream().filter(t -> t.title().equals("Calls ending unresolved")).findFirst().orElseThrow();
        assertThat(unresolved.callCount()).isEqualTo(InsightsWithoutModel.MAX_IDS + 1);
        assertThat(unresolved.supportingCallIds()).hasSize(InsightsWithoutModel.MAX_IDS);
        assertThat(unresolved.explanation()).contains("The first 50 of the 51 calls (by id) are listed.");
    }

    @Test
    void withAModelButNoJudgedCallsTheThemesAreComputedAndSayWhy() throws Exception {
        Run run = prepared(0);
        try (OpenAiStub stub = stub(b -> InsightFixtures.answer("x", List.of()))) {
            InsightsReport r = insights(run, stub, model());

            assertThat(r.computedWithoutModel()).isTrue();
            assertThat(r.modelSkippedReason()).contains("no call of this run has a model judgement");
            assertThat(requests).isEmpty();
        }
    }

    @Test
    void missingMetricsIsAUsageErrorNamingTheCommandToRun() throws Exception {
        Run run = InsightFixtures.run(ws, "r", 3);

        assertThatThrownBy(() -> insights(run, null, InsightsStage.Options.defaults())).isInstanceOf(VaaException.class)
                .hasMessageContaining("vaa metrics --run-id r")
                .satisfies(e -> assertThat(((VaaException) e).exitCode()).isEqualTo(2));
        assertThat(Json.MAPPER.valueToTree(run.status()).at("/stages/insights/status").asText()).isEqualTo("pending");
    }

    @Test
    void withAModelMissingNotesIsAUsageErrorNamingExtract() throws Exception {
        Run run = InsightFixtures.run(ws, "r", 3);
        MetricsStage.run(run, null);
        try (OpenAiStub stub = stub(b -> InsightFixtures.answer("x", List.of()))) {
            assertThatThrownBy(() -> insights(run, stub, model())).isInstanceOf(VaaException.class)
                    .hasMessageContaining("vaa extract --run-id r")
                    .satisfies(e -> assertThat(((VaaException) e).exitCode()).isEqualTo(2));
        }
    }
}
