package vaa.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.io.Env;
import vaa.io.Json;
import vaa.llm.Tracer;
import vaa.testing.Cli;
import vaa.testing.MessageLog;
import vaa.testing.OpenAiStub;
import vaa.testing.TraceCollector;

/**
 * Tracing never fails or noticeably slows a command: a collector that is down, hangs or refuses the
 * keys costs one warning line and a count in status.json; other OTLP backends get the same spans.
 */
class TraceDeliveryTest {
    static final String SOURCE = Path.of("customer_data").toAbsolutePath().toString();

    @TempDir
    Path ws;

    private Cli.Result sampleAndAnalyze(Map<String, String> env, String run) {
        Cli cli = Cli.in(ws).env(env);
        assertThat(cli.run("sample", "-n", "3", "--seed", "5", "--source", SOURCE, "--run-id", run).code()).isZero();
        return cli.run("analyze", "--run-id", run, "--model", "openai:test-model", "--prompt-source", "local");
    }

    private JsonNode tracing(String run) throws Exception {
        return Json.MAPPER.readTree(ws.resolve("runs/" + run + "/status.json").toFile()).at("/stages/analysis/detail/tracing");
    }

    private static Map<String, String> langfuseAt(String url) {
        return Map.of("LANGFUSE_HOST", url, "LANGFUSE_PUBLIC_KEY", TraceCollector.PUBLIC_KEY,
                "LANGFUSE_SECRET_KEY", TraceCollector.SECRET_KEY);
    }

    private static long warnings(Cli.Result r) {
        return r.all().lines().filter(l -> l.contains("Tracing:")).count();
    }

    @Test
    void aCollectorThatIsDownIsOneWarningAndACountAndTheAnalysisSucceeds() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (OpenAiStub stub = new OpenAiStub(b -> OpenAiStub.judgement("resolved", "thank you"))) {
            Cli.Result r = sampleAndAnalyze(TraceCollector.merged(stub.env(), langfuseAt("http://127.0.0.1:" + closedPort)), "r");
            assertThat(r.code()).as(r.all()).isZero();
            assertThat(r.out()).contains("3 analysed, 0 failed");
            assertThat(warnings(r)).as(r.all()).isEqualTo(1);
            assertThat(r.err()).contains("could not be sent to 127.0.0.1").contains("unreachable").contains("--no-trace");
            assertThat(r.all()).doesNotContain(TraceCollector.SECRET_KEY).doesNotContain("Exception");

            JsonNode tracing = tracing("r");
            assertThat(tracing.path("spans_sent").asInt()).isZero();
            assertThat(tracing.path("spans_not_sent").asInt()).isEqualTo(6);
            assertThat(tracing.path("scores_not_sent").asInt()).isEqualTo(15);
            assertThat(tracing.path("problem").asText()).contains("unreachable");
        }
    }

    @Test
    void aCollectorThatAcceptsConnectionsAndNeverAnswersDelaysTheCommandOnceByAtMostTheFlushBound() throws Exception {
        // connections complete in the kernel's backlog; nothing ever reads them or answers
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             OpenAiStub stub = new OpenAiStub(b -> OpenAiStub.judgement("resolved", "thank you"))) {
            Map<String, String> env = TraceCollector.merged(stub.env(), langfuseAt("http://127.0.0.1:" + blackHole.getLocalPort()));
            Map<String, String> off = TraceCollector.merged(env, Map.of("VAA_TRACE", "off"));
            sampleAndAnalyze(off, "warm-up");   // class loading and the JIT are charged to no measurement
            long t0 = System.nanoTime();
            Cli.Result plain = sampleAndAnalyze(off, "plain");
            long untraced = System.nanoTime() - t0;
            long t1 = System.nanoTime();
            Cli.Result r = sampleAndAnalyze(env, "traced");
            long traced = System.nanoTime() - t1;

            assertThat(plain.code()).isZero();
            assertThat(r.code()).as(r.all()).isZero();
            assertThat(warnings(r)).as(r.all()).isEqualTo(1);
            assertThat(r.err()).contains("no answer in time");
            // one flush waits out its bound and gives the collector up (see the next test); generous for a loaded machine,
            // but far below the exporter's own timeout, which waiting on would cost
            assertThat((traced - untraced) / 1_000_000).as("ms added by a hanging collector")
                    .isLessThan(3 * OtelTracer.FLUSH_BOUND.toMillis());
            assertThat(tracing("traced").path("spans_not_sent").asInt()).isPositive();
        }
    }

    @Test
    void aFlushWaitsAtMostItsBoundAndAGivenUpCollectorIsNotWaitedForAgain() throws Exception {
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Env env = Env.of(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + blackHole.getLocalPort()));
            MessageLog messages = new MessageLog();
            Tracer tracer = Tracing.open(env, false, null, "test", messages);
            tracer.trace(new Tracer.Start("analysis", "r", "analysis", null, null, Map.of())).close();

            long t0 = System.nanoTime();
            Map<String, Object> report = tracer.flush();
            long flush = (System.nanoTime() - t0) / 1_000_000;
            long t1 = System.nanoTime();
            tracer.trace(new Tracer.Start("analysis", "r", "analysis", null, null, Map.of())).close();
            tracer.flush();
            tracer.close();
            long after = (System.nanoTime() - t1) / 1_000_000;

            assertThat(flush).isBetween(OtelTracer.FLUSH_BOUND.toMillis() - 100, OtelTracer.FLUSH_BOUND.toMillis() + 1_000);
            assertThat(after).as("a second flush and the close, once the collector is given up").isLessThan(500);
            assertThat(report).containsEntry("spans_not_sent", 1L).containsEntry("problem", "no answer in time");
            assertThat(messages.lines()).singleElement().asString().startsWith("[warn] Tracing: ").contains("no answer in time");
        }
    }

    @Test
    void refusedKeysAreNamedInTheWarningAndNothingIsRetriedForever() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(b -> OpenAiStub.judgement("resolved", "thank you"));
             TraceCollector langfuse = new TraceCollector().reject(401)) {
            Cli.Result r = sampleAndAnalyze(TraceCollector.merged(stub.env(), langfuse.langfuseEnv()), "r");
            assertThat(r.code()).as(r.all()).isZero();
            assertThat(warnings(r)).isEqualTo(1);
            assertThat(r.err()).contains("HTTP 401: the keys were refused");
            assertThat(tracing("r").path("problem").asText()).isEqualTo("HTTP 401: the keys were refused");
            assertThat(tracing("r").path("scores_sent").asInt()).isZero();
            // three refusals in a row and the rest are not attempted
            assertThat(langfuse.traceRequests.size() + langfuse.bodies.size()).isLessThanOrEqualTo(2 * (Delivery.GIVE_UP_AFTER + 1) + 2);
        }
    }

    @Test
    void anOtlpEndpointGetsTheSameSpansWithItsHeadersAndNoScores() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(b -> OpenAiStub.judgement("resolved", "thank you"));
             TraceCollector collector = new TraceCollector()) {
            Map<String, String> env = TraceCollector.merged(TraceCollector.merged(stub.env(), collector.langfuseEnv()), Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT", collector.server.url("/otlp").toString(),
                    "OTEL_EXPORTER_OTLP_HEADERS", "x-api-key=abc%20123,x-team=qa"));
            Cli.Result r = sampleAndAnalyze(env, "r");
            assertThat(r.code()).as(r.all()).isZero();
            assertThat(collector.traceRequests).isNotEmpty().allSatisfy(q -> {
                assertThat(q.getPath()).isEqualTo("/otlp/v1/traces");
                assertThat(q.getHeader("x-api-key")).isEqualTo("abc 123");
                assertThat(q.getHeader("x-team")).isEqualTo("qa");
                assertThat(q.getHeader("Authorization")).isNull();
            });
            assertThat(collector.roots()).hasSize(3).allSatisfy(t -> assertThat(t.text("session.id")).isEqualTo("r"));
            assertThat(collector.generations()).hasSize(3).allSatisfy(g -> {
                assertThat(g.text("gen_ai.operation.name")).isEqualTo("chat");
                assertThat(g.text("gen_ai.provider.name")).isEqualTo("openai");
                assertThat(g.attributes().get("gen_ai.usage.output_tokens")).isEqualTo(20L);
            });
            // the judgements ride on the trace for backends without scores; the Langfuse keys are not used
            assertThat(collector.roots()).allSatisfy(t -> assertThat(t.attributes().get("vaa.score.task_completed")).isEqualTo(true));
            assertThat(collector.scores).isEmpty();
            assertThat(tracing("r").has("scores_sent")).isFalse();
        }
    }

    @Test
    void anOtlpEndpointThatIsNotAnHttpUrlTurnsTracingOffWithOneLineThatDoesNotRepeatIt() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(b -> OpenAiStub.judgement("resolved", "thank you"))) {
            Cli.Result r = sampleAndAnalyze(TraceCollector.merged(stub.env(),
                    Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "collector.internal:4318?token=s3cret")), "r");
            assertThat(r.code()).isZero();
            assertThat(r.err()).contains("Tracing is off: OTEL_EXPORTER_OTLP_ENDPOINT is not an http(s) URL.").doesNotContain("s3cret");
        }
    }

    @Test
    void anOtlpProtocolVaaDoesNotSpeakTurnsTracingOffWithOneLine() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(b -> OpenAiStub.judgement("resolved", "thank you"));
             TraceCollector collector = new TraceCollector()) {
            Map<String, String> env = TraceCollector.merged(stub.env(), Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT", collector.server.url("/").toString(), "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"));
            Cli.Result r = sampleAndAnalyze(env, "r");
            assertThat(r.code()).isZero();
            assertThat(r.err()).contains("Tracing is off: vaa sends OTLP over HTTP (http/protobuf), not grpc");
            assertThat(collector.traceRequests).isEmpty();
        }
    }

    @Test
    void aMistypedSwitchIsAUsageErrorBeforeARunIsMade() {
        Cli.Result r = Cli.in(ws).env(Map.of("VAA_TRACE_CONTENT", "maybe")).run("run", "-n", "1", "--source", SOURCE);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("VAA_TRACE_CONTENT must be on or off");
        assertThat(ws.resolve("runs")).doesNotExist();
        Cli.Result flag = Cli.in(ws).run("run", "-n", "1", "--source", SOURCE, "--trace-content", "hashes");
        assertThat(flag.err()).contains("--trace-content must be on or off");
    }
}
