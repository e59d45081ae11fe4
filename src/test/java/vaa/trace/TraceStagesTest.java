package vaa.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.assist.AssistFixtures;
import vaa.io.Json;
import vaa.llm.ChatMessage;
import vaa.testing.Cli;
import vaa.testing.OpenAiStub;
import vaa.testing.TraceCollector;
import vaa.testing.TraceCollector.Span;

/** How each model-backed command lays out its traces: per call, per stage, per question, per experiment with a span per step. */
class TraceStagesTest {
    static final String SOURCE = Path.of("customer_data").toAbsolutePath().toString();

    @TempDir
    Path ws;

    private static String answer(JsonNode body) {
        String text = body.toString();
        if (text.contains("Call id:")) {
            return OpenAiStub.judgement("unresolved", "thank you");
        }
        if (text.contains("Why do calls fail?")) {
            return "Mostly verification.";
        }
        return "{\"summary\": \"Verification fails.\", \"themes\": [{\"title\": \"Verification\", \"explanation\": \"Callers get stuck.\","
                + " \"call_count\": 1, \"supporting_call_ids\": [], \"recommendations\": [\"Verify sooner.\"]}]}";
    }

    @Test
    void aRunIsOneSessionWithATracePerCallAndOneForInsightsAndEachQuestionIsATraceInIt() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(TraceStagesTest::answer); TraceCollector langfuse = new TraceCollector()) {
            Cli cli = Cli.in(ws).env(TraceCollector.merged(stub.env(), langfuse.langfuseEnv()));
            Cli.Result run = cli.run("run", "-n", "3", "--seed", "5", "--source", SOURCE, "--run-id", "m", "--model", "openai:judge",
                    "--insights-model", "openai:synth", "--prompt-source", "local");
            assertThat(run.code()).as(run.all()).isZero();
            Cli.Result ask = cli.run("ask", "--run-id", "m", "--model", "openai:synth", "--prompt-source", "local", "Why do calls fail?");
            assertThat(ask.code()).as(ask.all()).isZero();

            assertThat(langfuse.roots()).extracting(Span::name).containsExactlyInAnyOrder("analysis", "analysis", "analysis", "insights", "ask");
            assertThat(langfuse.roots()).allSatisfy(t -> assertThat(t.text("session.id")).isEqualTo("m"));

            Span insights = langfuse.roots().stream().filter(t -> t.name().equals("insights")).findFirst().orElseThrow();
            assertThat(insights.text("langfuse.trace.metadata.model_key")).isEqualTo("openai:synth");
            assertThat(insights.text("langfuse.trace.metadata.prompt_name")).isEqualTo("insights");
            assertThat(langfuse.childrenOf(insights)).singleElement().satisfies(g -> {
                assertThat(g.name()).isEqualTo("single pass");
                assertThat(g.text("gen_ai.request.model")).isEqualTo("synth");
                assertThat(g.text("langfuse.observation.metadata.prompt_source")).isEqualTo("built-in");
            });

            Span question = langfuse.roots().stream().filter(t -> t.name().equals("ask")).findFirst().orElseThrow();
            assertThat(langfuse.childrenOf(question)).singleElement().satisfies(g -> {
                assertThat(g.name()).isEqualTo("answer");
                assertThat(g.text("langfuse.observation.output")).isEqualTo("Mostly verification.");
            });

            JsonNode status = Json.MAPPER.readTree(ws.resolve("runs/m/status.json").toFile());
            assertThat(status.at("/stages/analysis/detail/tracing/scores_sent").asInt()).isEqualTo(15);
            assertThat(status.at("/stages/insights/detail/tracing/spans_sent").asInt()).isEqualTo(8);
            assertThat(langfuse.scores.stream().filter(s -> s.path("name").asText().equals("outcome")))
                    .hasSize(3).allSatisfy(s -> assertThat(s.path("value").asText()).isEqualTo("unresolved"));
        }
    }

    @Test
    void anAssistExperimentIsOneTraceWithASpanPerStepEachHoldingItsGeneration() throws Exception {
        try (OpenAiStub model = new OpenAiStub(b -> "skip");
             TraceCollector langfuse = new TraceCollector().prompt("elg_b2c_objection_assist", 4, List.of(
                     ChatMessage.system("Coach. Answer skip or show|<tag>."),
                     ChatMessage.user("STATE:\n{{state}}\n\nTRANSCRIPT:\n{{new_transcript}}\n\nPREVIOUS:\n{{previous_suggestions}}")))) {
            AssistFixtures.campaign(ws);
            AssistFixtures.localModel(ws, model.server.url("/v1").toString());
            Cli.Result r = Cli.in(ws).env(langfuse.langfuseEnv()).run("assist", "--state", AssistFixtures.STATE_REL, "--model", "local",
                    "--yes", "--delay", "0", "--run-name", "exp1");
            assertThat(r.code()).as(r.all()).isZero();

            Span experiment = langfuse.roots().stream().filter(t -> t.name().equals("assist")).findFirst().orElseThrow();
            assertThat(langfuse.roots()).hasSize(1);
            assertThat(experiment.text("session.id")).isEqualTo("exp1");
            assertThat(experiment.text("langfuse.trace.metadata.model_key")).isEqualTo("local");
            assertThat(experiment.text("langfuse.trace.metadata.state_file")).isEqualTo(AssistFixtures.STATE_REL);
            List<Span> steps = langfuse.childrenOf(experiment);
            assertThat(steps).extracting(Span::name).containsExactlyInAnyOrder("step 1/3", "step 2/3", "step 3/3");
            assertThat(steps).allSatisfy(step -> {
                assertThat(step.text("langfuse.observation.type")).isEqualTo("span");
                assertThat(langfuse.childrenOf(step)).singleElement().satisfies(g -> {
                    assertThat(g.name()).isEqualTo("assist");
                    assertThat(g.text("langfuse.observation.prompt.name")).isEqualTo("elg_b2c_objection_assist");
                    assertThat(g.attributes().get("langfuse.observation.prompt.version")).isEqualTo(4L);
                });
            });
            assertThat(langfuse.scores).isEmpty();

            // a suite: each conversation a trace of the same kind, all in the suite's session
            langfuse.spans.clear();
            Cli.Result suite = Cli.in(ws).env(langfuse.langfuseEnv()).run("assist", "--all", "--model", "local", "--yes", "--delay", "0",
                    "--run-name", "suite1");
            assertThat(suite.code()).as(suite.all()).isZero();
            assertThat(langfuse.roots()).singleElement().satisfies(t -> {
                assertThat(t.name()).isEqualTo("assist");
                assertThat(t.text("session.id")).isEqualTo("suite1");
                assertThat(langfuse.childrenOf(t)).hasSize(3);
            });
        }
    }

    @Test
    void aDryRunIsNotTraced() throws Exception {
        try (TraceCollector langfuse = new TraceCollector().prompt("elg_b2c_objection_assist", 4, List.of(
                ChatMessage.user("STATE:\n{{state}}\n\nTRANSCRIPT:\n{{new_transcript}}\n\nPREVIOUS:\n{{previous_suggestions}}")))) {
            AssistFixtures.campaign(ws);
            AssistFixtures.localModel(ws, "http://127.0.0.1:9/v1");
            Cli.Result r = Cli.in(ws).env(langfuse.langfuseEnv()).run("assist", "--state", AssistFixtures.STATE_REL, "--model", "local",
                    "--yes", "--delay", "0", "--dry-run");
            assertThat(r.code()).as(r.all()).isZero();
            assertThat(langfuse.traceRequests).isEmpty();
        }
    }
}
