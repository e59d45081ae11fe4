package vaa.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.io.Json;
import vaa.prompt.LocalPromptSource;
import vaa.prompt.PromptSelector;
import vaa.testing.Cli;
import vaa.testing.OpenAiStub;
import vaa.testing.TraceCollector;
import vaa.testing.TraceCollector.Span;

/**
 * What a traced analysis sends, decoded from the OTLP protobuf a local Langfuse receives: one trace
 * per call in the run's session, one generation per model call linked to its Langfuse prompt
 * version, the judgements as scores on it, a cached answer marked free, and no secret anywhere.
 */
class TraceExportTest {
    static final String SOURCE = Path.of("customer_data").toAbsolutePath().toString();
    static final String MODEL_KEY = "sk-test-key-123";

    @TempDir
    Path ws;

    private static TraceCollector langfuse() throws Exception {
        return new TraceCollector().prompt("call_analysis", 7,
                new LocalPromptSource(Path.of("does-not-exist")).get("call_analysis", PromptSelector.production()).messages());
    }

    private Cli.Result analyze(OpenAiStub stub, TraceCollector langfuse, String... extra) {
        Cli cli = Cli.in(ws).env(TraceCollector.merged(stub.env(), langfuse.langfuseEnv()));
        Cli.Result sample = cli.run("sample", "-n", "3", "--seed", "5", "--source", SOURCE, "--run-id", "r");
        assertThat(sample.code()).as(sample.all()).isZero();
        String[] args = Stream.concat(Stream.of("analyze", "--run-id", "r", "--model", "openai:test-model"), Stream.of(extra))
                .toArray(String[]::new);
        return cli.run(args);
    }

    @Test
    void aPricedModelsGenerationsCarryTheirCostAndCachedTokens() throws Exception {
        java.nio.file.Files.writeString(ws.resolve("vaa-models.json"), """
                {"models": {"priced": {"provider": "openai", "model": "test-model",
                                       "price": {"input": 1.0, "cached_input": 0.5, "output": 2.0}}}}""");
        try (OpenAiStub stub = new OpenAiStub(b -> OpenAiStub.judgement("resolved", "thank you"));
             TraceCollector langfuse = langfuse()) {
            Cli cli = Cli.in(ws).env(TraceCollector.merged(stub.env(), langfuse.langfuseEnv()));
            assertThat(cli.run("sample", "-n", "1", "--seed", "5", "--source", SOURCE, "--run-id", "r").code()).isZero();
            Cli.Result r = cli.run("analyze", "--run-id", "r", "--model", "priced");
            assertThat(r.code()).as(r.all()).isZero();
            Span g = langfuse.childrenOf(langfuse.roots().get(0)).get(0);
            // 60 uncached prompt tokens at $1/M, 40 cached at $0.5/M, 20 completion at $2/M
            assertThat(g.json("langfuse.observation.cost_details"))
                    .isEqualTo(Json.MAPPER.readTree("{\"input\":8.0E-5,\"output\":4.0E-5,\"total\":1.2E-4}"));
            assertThat(g.attributes().get("gen_ai.usage.cost")).isEqualTo(1.2E-4);
            assertThat(g.text("langfuse.observation.metadata.cached_prompt_tokens")).isEqualTo("40");
        }
    }

    @Test
    void eachCallIsATraceInTheRunSessionWithOneGenerationLinkedToItsLangfusePromptAndScoredByItsJudgement() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(b -> OpenAiStub.judgement("resolved", "thank you"));
             TraceCollector langfuse = langfuse()) {
            Cli.Result r = analyze(stub, langfuse);
            assertThat(r.code()).as(r.all()).isZero();
            assertThat(r.all()).doesNotContain("Tracing:");

            List<Span> traces = langfuse.roots();
            assertThat(traces).hasSize(3).allSatisfy(t -> {
                assertThat(t.name()).isEqualTo("analysis");
                assertThat(t.text("langfuse.trace.name")).isEqualTo("analysis");
                assertThat(t.text("session.id")).isEqualTo("r");
                assertThat(t.text("langfuse.session.id")).isEqualTo("r");
                assertThat(t.attributes().get("langfuse.trace.tags")).isEqualTo(List.of("analysis"));
                assertThat(t.text("langfuse.trace.metadata.stage")).isEqualTo("analysis");
                assertThat(t.text("langfuse.trace.metadata.model_key")).isEqualTo("openai:test-model");
                assertThat(t.text("langfuse.trace.metadata.prompt_name")).isEqualTo("call_analysis");
                assertThat(t.text("langfuse.trace.metadata.prompt_version")).isEqualTo("7");
                assertThat(t.text("langfuse.trace.metadata.vaa_version")).isNotBlank();
                assertThat(t.text("langfuse.trace.metadata.call_id")).isNotBlank();
                assertThat(t.resource().get("service.name")).isEqualTo("vaa");
            });
            assertThat(traces.stream().map(t -> t.text("langfuse.trace.metadata.call_id")).distinct()).hasSize(3);

            for (Span trace : traces) {
                List<Span> calls = langfuse.childrenOf(trace);
                assertThat(calls).hasSize(1);
                Span g = calls.get(0);
                assertThat(g.name()).isEqualTo("judge");
                assertThat(g.text("langfuse.observation.type")).isEqualTo("generation");
                assertThat(g.text("gen_ai.request.model")).isEqualTo("test-model");
                assertThat(g.text("langfuse.observation.model.name")).isEqualTo("m");   // the model the server says answered
                assertThat(g.text("langfuse.observation.prompt.name")).isEqualTo("call_analysis");
                assertThat(g.attributes().get("langfuse.observation.prompt.version")).isEqualTo(7L);
                assertThat(g.json("langfuse.observation.usage_details"))
                        .isEqualTo(Json.MAPPER.readTree("{\"input\":100,\"output\":20,\"total\":120}"));
                assertThat(g.attributes().get("gen_ai.usage.input_tokens")).isEqualTo(100L);
                assertThat(g.attributes()).doesNotContainKey("langfuse.observation.cost_details");
                assertThat(g.json("langfuse.observation.input").get(0).path("role").asText()).isEqualTo("system");
                assertThat(g.text("langfuse.observation.input")).contains("Call id: " + trace.text("langfuse.trace.metadata.call_id"));
                assertThat(g.json("langfuse.observation.output").path("outcome").asText()).isEqualTo("resolved");
                // the judge's answer is not streamed (batch work): no first token to time, only the whole answer
                assertThat(g.attributes()).doesNotContainKeys("langfuse.observation.completion_start_time",
                        "langfuse.observation.metadata.ttft_ms");
                assertThat((Long) g.attributes().get("langfuse.observation.metadata.e2e_ms")).isNotNull().isNotNegative();
                assertThat(g.text("langfuse.observation.metadata.cached")).isEqualTo("false");

                List<JsonNode> scores = langfuse.scores.stream().filter(s -> s.path("traceId").asText().equals(trace.traceId())).toList();
                assertThat(scores).hasSize(5).allSatisfy(s -> assertThat(s.path("observationId").asText()).isEqualTo(g.spanId()));
                assertThat(score(scores, "outcome")).isEqualTo("CATEGORICAL \"resolved\"");
                assertThat(score(scores, "sentiment_start")).isEqualTo("CATEGORICAL \"neutral\"");
                assertThat(score(scores, "sentiment_end")).isEqualTo("CATEGORICAL \"positive\"");
                assertThat(score(scores, "task_completed")).isEqualTo("BOOLEAN 1.0");
                assertThat(score(scores, "escalation_requested")).isEqualTo("BOOLEAN 0.0");
                assertThat(trace.attributes().get("vaa.score.outcome")).isEqualTo("resolved");
            }

            String basic = "Basic " + Base64.getEncoder().encodeToString(
                    (TraceCollector.PUBLIC_KEY + ":" + TraceCollector.SECRET_KEY).getBytes(StandardCharsets.UTF_8));
            assertThat(langfuse.traceRequests).allSatisfy(q -> {
                assertThat(q.getPath()).isEqualTo("/api/public/otel/v1/traces");
                assertThat(q.getHeader("Authorization")).isEqualTo(basic);
                assertThat(q.getHeader("Content-Type")).isEqualTo("application/x-protobuf");
            });
            assertThat(langfuse.authorizations).containsOnly(basic);
            assertThat(langfuse.bodies).isNotEmpty().allSatisfy(body -> assertThat(body)
                    .doesNotContain(TraceCollector.SECRET_KEY, TraceCollector.PUBLIC_KEY, MODEL_KEY, basic.substring(6)));

            JsonNode tracing = Json.MAPPER.readTree(ws.resolve("runs/r/status.json").toFile()).at("/stages/analysis/detail/tracing");
            assertThat(tracing.path("to").asText()).isEqualTo("localhost");
            assertThat(tracing.path("spans_sent").asInt()).isEqualTo(6);
            assertThat(tracing.path("spans_not_sent").asInt()).isZero();
            assertThat(tracing.path("scores_sent").asInt()).isEqualTo(15);
            assertThat(tracing.has("problem")).isFalse();
        }
    }

    /** "dataType value" of the score called {@code name}, the value as JSON. */
    private static String score(List<JsonNode> scores, String name) {
        JsonNode s = scores.stream().filter(x -> x.path("name").asText().equals(name)).findFirst().orElseThrow();
        return s.path("dataType").asText() + " " + s.get("value");
    }

    @Test
    void anAnswerFromVaasOwnCacheIsTracedAsCachedAndFree() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(b -> OpenAiStub.judgement("resolved", "thank you"));
             TraceCollector langfuse = langfuse()) {
            assertThat(analyze(stub, langfuse).code()).isZero();
            try (Stream<Path> files = Files.list(ws.resolve("runs/r/analyses"))) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            langfuse.spans.clear();
            Cli.Result again = Cli.in(ws).env(TraceCollector.merged(stub.env(), langfuse.langfuseEnv()))
                    .run("analyze", "--run-id", "r", "--model", "openai:test-model");
            assertThat(again.code()).as(again.all()).isZero();
            assertThat(stub.requests.get()).isEqualTo(3);

            assertThat(langfuse.generations()).hasSize(3).allSatisfy(g -> {
                assertThat(g.name()).isEqualTo("judge (cached)");
                assertThat(g.text("langfuse.observation.metadata.cached")).isEqualTo("true");
                assertThat(g.json("langfuse.observation.cost_details").path("total").asDouble()).isZero();
                assertThat(g.json("langfuse.observation.usage_details").path("total").asInt()).isZero();
                assertThat(g.json("langfuse.observation.metadata.cached_usage").path("total").asInt()).isEqualTo(120);
                assertThat(g.attributes()).doesNotContainKey("langfuse.observation.completion_start_time");
            });
        }
    }

    @Test
    void withContentOffSpansCarryHashesInsteadOfTranscriptsAndAnswers() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(b -> OpenAiStub.judgement("resolved", "thank you"));
             TraceCollector langfuse = langfuse()) {
            assertThat(analyze(stub, langfuse, "--trace-content", "off").code()).isZero();
            assertThat(langfuse.generations()).hasSize(3).allSatisfy(g -> {
                JsonNode input = g.json("langfuse.observation.input");
                assertThat(input.get(0).path("role").asText()).isEqualTo("system");
                assertThat(input.get(0).path("sha256").asText()).hasSize(64);
                assertThat(input.get(0).has("content")).isFalse();
                assertThat(g.text("langfuse.observation.input")).doesNotContain("Call id:");
                assertThat(g.json("langfuse.observation.output").path("sha256").asText()).hasSize(64);
                assertThat(g.text("langfuse.observation.output")).doesNotContain("resolved");
            });
            // the scores are the judgement's categories, not its text: they still go
            assertThat(langfuse.scores).hasSize(15);
        }
    }

    @Test
    void noTraceAndVaaTraceOffSendNothing() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(b -> OpenAiStub.judgement("resolved", "thank you"));
             TraceCollector langfuse = langfuse()) {
            assertThat(analyze(stub, langfuse, "--no-trace").code()).isZero();
            Map<String, String> off = TraceCollector.merged(TraceCollector.merged(stub.env(), langfuse.langfuseEnv()),
                    Map.of("VAA_TRACE", "off"));
            assertThat(Cli.in(ws).env(off).run("analyze", "--run-id", "r", "--model", "openai:test-model", "--retry-failed").code())
                    .isZero();
            assertThat(langfuse.traceRequests).isEmpty();
            assertThat(langfuse.scores).isEmpty();
            assertThat(Json.MAPPER.readTree(ws.resolve("runs/r/status.json").toFile()).at("/stages/analysis/detail").has("tracing"))
                    .isFalse();
        }
    }
}
