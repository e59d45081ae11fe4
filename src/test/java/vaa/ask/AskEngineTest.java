package vaa.ask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.VaaException;
import vaa.io.Env;
import vaa.io.Json;
import vaa.io.MessageSink;
import vaa.llm.Tracer;
import vaa.metrics.MetricsStage;
import vaa.run.Run;
import vaa.testing.OpenAiStub;

/** Questions answered against a local streaming model: the context, the citation check and the saved record. */
class AskEngineTest {
    static final Clock FIXED = Clock.fixed(Instant.parse("2026-01-21T14:30:00.250Z"), ZoneId.of("UTC"));

    @TempDir
    Path ws;

    OpenAiStub stub;
    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    Run run;

    @BeforeEach
    void start() throws Exception {
        stub = new OpenAiStub(this::answer);
        run = AskFixtures.standard(ws, "r");
    }

    @AfterEach
    void stop() throws Exception {
        stub.close();
    }

    /** Cites the first two calls it was shown, one call of the run it was not shown, and an invented one. */
    String answer(JsonNode request) {
        requests.add(request);
        List<String> shown = AskFixtures.contextIds(request);
        return "Calls fail when verification breaks down [" + shown.get(0) + "] and when the bot cannot act [" + shown.get(1)
                + "]. Routine calls like [balance-ok] go fine; see also [made-up-call].";
    }

    AskSetup setup(Map<String, String> env, AskOptions options, Clock clock) {
        return new AskSetup(Env.of(env), ws, clock, options, MessageSink.NONE, Tracer.OFF);
    }

    AskSetup withModel(AskOptions options) {
        return setup(stub.env(), options.withModel("openai:stub"), FIXED);
    }

    @Test
    void anAnswerStreamsIsCheckedAndIsSavedAsANewRecord() throws Exception {
        StringBuilder streamed = new StringBuilder();
        AskResult r;
        try (AskEngine engine = AskEngine.open(run, withModel(AskOptions.defaults().withTop(3)))) {
            r = engine.ask("  Why do calls fail?  ", new AskListener() {
                @Override
                public void delta(String text) {
                    streamed.append(text);
                }
            });
        }
        AskRecord rec = r.record();
        assertThat(streamed.toString()).isEqualTo(rec.answer());
        assertThat(rec.question()).isEqualTo("Why do calls fail?");
        assertThat(rec.runId()).isEqualTo("r");
        assertThat(rec.answeredBy()).isEqualTo(AskRecord.BY_MODEL);
        assertThat(rec.model()).containsEntry("key", "openai:stub").containsEntry("model", "stub").containsEntry("provider", "openai");
        assertThat(rec.prompt()).containsEntry("name", "ask").containsEntry("version", 1).containsEntry("source", "built-in");
        assertThat(rec.retrievedIds()).hasSize(3).isSubsetOf(AskFixtures.NOT_RESOLVED);
        assertThat(rec.contextIds()).isEqualTo(rec.retrievedIds());
        assertThat(AskFixtures.contextIds(requests.get(0))).isEqualTo(rec.contextIds());
        assertThat(rec.citedIds()).containsExactly(rec.contextIds().get(0), rec.contextIds().get(1), "balance-ok");
        assertThat(rec.citationsFlagged()).containsExactly(new CitationCheck.Flag("balance-ok", CitationCheck.NOT_SHOWN),
                new CitationCheck.Flag("made-up-call", CitationCheck.UNKNOWN));
        assertThat(rec.usage()).isEqualTo(new AskRecord.Usage(100, 20, 120, 40, null));   // openai:stub has no price
        assertThat(rec.cached()).isFalse();
        assertThat(rec.timingsMs().total()).isGreaterThanOrEqualTo(rec.timingsMs().model());
        assertThat(rec.timingsMs().modelTtft()).isNotNull();
        assertThat(rec.retrieval().topK()).isEqualTo(3);
        assertThat(rec.retrieval().queryTerms()).containsExactly("fail");
        assertThat(rec.retrieval().index().documents()).isEqualTo(11);

        assertThat(r.json()).isEqualTo(run.reportsDir().resolve("asks/20260121_143000_250.json"));
        assertThat(rec.files()).isEqualTo(new AskRecord.Files("reports/asks/20260121_143000_250.json", "reports/asks/20260121_143000_250.md"));
        assertThat(Json.read(r.json(), AskRecord.class)).isEqualTo(rec);
        String md = Files.readString(r.md());
        assertThat(md).startsWith("# Why do calls fail?\n").contains("## Answer", rec.answer(), "## Cited calls",
                "- `" + rec.contextIds().get(0) + "` — ", "- `made-up-call` — **not in the context**: not a call of this run",
                "**Citation check:** 2 ids were not in the context", "| 1 | `" + rec.retrievedIds().get(0) + "` |");
        assertThat(md).endsWith("Run: `r`\n");
    }

    @Test
    void countingQuestionsGetTheRunsMetricsFromMetricsJsonWhenItIsCurrent() throws Exception {
        try (AskEngine engine = AskEngine.open(run, withModel(AskOptions.defaults()))) {
            AskRecord first = engine.ask("How many calls were escalated?", AskListener.NONE).record();
            assertThat(first.retrieval().metricsSource()).isEqualTo("computed now (the run has no reports/metrics.json)");
            String prompt = requests.get(0).path("messages").toString();
            assertThat(prompt).contains("Escalation requested: 2 of 10 judged calls (20.0%).",
                    "Calls: 11 sampled, 11 analysed (10 with a model judgement, 1 structural only), 0 failed analyses.",
                    "escalated 2 (20.0%)", "Counts, shares, rates and averages");

            MetricsStage.run(run, null);
            AskFixtures.call(run, "late", "resolved", "check the balance", "Fine.", null, null, null, "Hi", "balance");
            AskRecord stale = engine.ask("How many calls were escalated?", AskListener.NONE).record();
            assertThat(stale.retrieval().metricsSource()).isEqualTo("computed now (reports/metrics.json covers 11 analyses, the run has 12 now)");
            assertThat(stale.retrieval().index().rebuilt()).isTrue();

            MetricsStage.run(run, null);
            AskFixtures.call(run, "late", "resolved", "check the balance", "Fine again.", null, null, null, "Hi", "balance!");
            assertThat(engine.ask("How many calls were escalated?", AskListener.NONE).record().retrieval().metricsSource())
                    .isEqualTo("reports/metrics.json");
        }
    }

    @Test
    void everyAnswerIsANewFileEvenWithinTheSameMillisecondAndInASealedRun() throws Exception {
        run.seal();
        try (AskEngine engine = AskEngine.open(run, withModel(AskOptions.defaults()))) {
            AskResult a = engine.ask("Why do calls fail?", AskListener.NONE);
            String firstJson = Files.readString(a.json());
            AskResult b = engine.ask("Why do calls fail?", AskListener.NONE);
            assertThat(b.json().getFileName()).hasToString("20260121_143000_250_2.json");
            assertThat(b.md().getFileName()).hasToString("20260121_143000_250_2.md");
            assertThat(Files.readString(a.json())).isEqualTo(firstJson);
            assertThat(b.record().cached()).as("the same prompt again is answered from the run's cache").isTrue();
        }
        try (var files = Files.list(run.reportsDir().resolve("asks"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))).hasSize(4);
        }
    }

    @Test
    void theBudgetLeavesOutCallsThatDoNotFitAndKeepsRankOrder() {
        try (CallIndex index = CallIndex.open(run, MessageSink.NONE)) {
            index.refresh();
            Set<String> terms = QueryTerms.of(index.analyzer(), "Why do calls fail?");
            List<CallIndex.Hit> hits = index.search(terms, 10);
            ContextBuilder builder = new ContextBuilder(new QuoteFinder(index.analyzer(), index::transcriptIdf));
            MetricsSummary metrics = new MetricsSummary("m".repeat(400), "test");
            AskContext all = builder.build(hits, terms, metrics, 100_000);
            assertThat(all.dropped()).isEmpty();
            int firstTwo = ContextBuilder.estimate(metrics.text()) + ContextBuilder.estimate(all.calls().get(0).block())
                    + ContextBuilder.estimate(all.calls().get(1).block());

            AskContext tight = builder.build(hits, terms, metrics, firstTwo);
            assertThat(tight.ids()).containsExactly(hits.get(0).callId(), hits.get(1).callId());
            assertThat(tight.dropped()).containsExactlyElementsOf(hits.subList(2, hits.size()).stream().map(CallIndex.Hit::callId).toList());
            assertThat(tight.estimatedTokens()).isEqualTo(firstTwo);
            assertThat(tight.callsText()).startsWith("[" + hits.get(0).callId() + "]\n");
        }
    }

    @Test
    void withoutAModelTheRetrievedCallsAreRecordedAndTheReasonSaysHowToConfigureOne() throws Exception {
        try (AskEngine engine = AskEngine.open(run, setup(Map.of(), AskOptions.defaults(), FIXED))) {
            assertThat(engine.model()).isEmpty();
            AskResult r = engine.ask("What goes wrong with password resets?", AskListener.NONE);
            assertThat(r.answered()).isFalse();
            assertThat(r.record().answer()).isNull();
            assertThat(r.record().model()).isNull();
            assertThat(r.record().answeredBy()).isEqualTo(AskRecord.BY_NONE);
            assertThat(r.record().modelSkippedReason()).contains("An answer needs a model", "GEMINI_API_KEY", "--model KEY");
            assertThat(r.record().retrievedIds()).startsWith("pwd-reset");
            assertThat(r.context().calls().get(0).card().summary()).contains("verification code never arrived");
            assertThat(Files.readString(r.md())).contains("## No answer", "## Calls matching the question", "1. `pwd-reset`",
                    "Quote (line 3, verified): \"I never got the code\"");
        }
        assertThat(stub.requests.get()).isZero();
    }

    @Test
    void aRunWithoutAnalysesIsAClearUsageError() {
        Run empty = AskFixtures.run(ws, "empty");
        assertThatThrownBy(() -> AskEngine.open(empty, setup(Map.of(), AskOptions.defaults(), FIXED)))
                .isInstanceOfSatisfying(VaaException.class, e -> assertThat(e.exitCode()).isEqualTo(VaaException.USAGE))
                .hasMessage("Nothing to ask about in run empty: it has no analyses yet. Analyse its calls first: vaa analyze --run-id empty.");
        assertThat(empty.cacheDir().resolve("ask-index")).doesNotExist();
    }

    @Test
    void aPromptThatNeverShowsTheCallsIsRefused() throws Exception {
        Files.createDirectories(ws.resolve("prompts"));
        Files.writeString(ws.resolve("prompts/ask.json"), "{\"name\": \"ask\", \"version\": 7, \"type\": \"text\","
                + " \"prompt\": \"Answer {{question}}\", \"labels\": [\"production\"]}");
        assertThatThrownBy(() -> AskEngine.open(run, withModel(AskOptions.defaults())))
                .hasMessageContaining("must use {{question}} and {{calls}}");
    }
}
