package vaa;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import vaa.io.Env;
import vaa.io.Json;

/**
 * The training run of the launcher's class-data archive ({@code java -XX:ArchiveClassesAtExit=... -cp vaa.jar
 * vaa.StartupTraining}): the commands a session starts with — help, sampling, an analysis, the run list — in one
 * JVM, so that later processes map the classes they load (picocli, Jackson, OkHttp, openai-java and its Kotlin
 * runtime) instead of reading and verifying them: about half of an analysis's time to its first request.
 *
 * <p>Nothing leaves the machine: the workspace is a temp directory, and the model is a server on 127.0.0.1 in
 * this process that answers every chat completion with the same valid judgement.
 */
public final class StartupTraining {
    private static final int CALLS = 6;

    private StartupTraining() {}

    public static void main(String[] args) throws IOException {
        Path ws = Files.createTempDirectory("vaa-training");
        int code;
        try {
            code = train(ws);
        } finally {
            deleteTree(ws);
        }
        System.exit(code);
    }

    static int train(Path ws) throws IOException {
        Path source = ws.resolve("source");
        for (int i = 0; i < CALLS; i++) {
            Json.write(source.resolve("call_" + i + ".json"), transcript(i));
        }
        HttpServer model = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        model.setExecutor(threads);
        model.createContext("/v1/chat/completions", StartupTraining::answer);
        model.start();
        Env env = Env.of(Map.of("OPENAI_BASE_URL", "http://127.0.0.1:" + model.getAddress().getPort() + "/v1",
                "OPENAI_API_KEY", "sk-training", "NO_COLOR", "1"));
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        int failed = 0;
        try (AppContext ctx = AppContext.offline(ws, env)) {
            String[][] commands = {
                {"--help"},
                {"sample", "-n", String.valueOf(CALLS), "--source", source.toString(), "--seed", "1", "--run-id", "training"},
                {"analyze", "--run-id", "training", "--model", "openai:training", "--workers", "2", "--prompt-source", "local"},
                {"runs", "list"},
            };
            for (String[] command : commands) {
                failed += Vaa.run(ctx, none, none, command) == 0 ? 0 : 1;
            }
        } finally {
            model.stop(0);
            threads.shutdownNow();
        }
        return failed == 0 ? 0 : 1;
    }

    private static ObjectNode transcript(int i) {
        ObjectNode call = Json.MAPPER.createObjectNode();
        call.put("id", "training_" + i).put("started_at", "2026-01-0" + (1 + i % 9) + "T10:00:00Z").put("duration_s", 20.5);
        call.putObject("metadata").put("source", "training");
        String[][] lines = {{"agent", "Hello, how can I help you today?"}, {"customer", "I would like to check my balance please"},
            {"agent", "Your balance is forty dollars."}, {"customer", "Thank you, goodbye"}};
        var utterances = call.putArray("utterances");
        for (int k = 0; k < lines.length; k++) {
            utterances.addObject().put("speaker", lines[k][0]).put("text", lines[k][1]).put("start", 5.0 * k).put("end", 5.0 * k + 4);
        }
        return call;
    }

    /** The judgement as the analysis asks for it (not streamed, see LlmRequest#unstreamed), or streamed if asked so. */
    private static void answer(HttpExchange exchange) throws IOException {
        boolean streamed = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).contains("\"stream\":true");
        ObjectNode judgement = Json.MAPPER.createObjectNode();
        judgement.put("outcome", "resolved").put("customer_intent", "check balance").put("task_completed", true)
                .put("escalation_requested", false).put("sentiment_start", "neutral").put("sentiment_end", "positive");
        judgement.putArray("friction_points").addObject().put("category", "repetition").put("description", "asked twice")
                .put("quote", "check my balance").put("utterance_index", 1);
        judgement.putArray("agent_errors");
        judgement.put("summary", "The customer checked a balance.").putNull("failure_reason").putNull("improvement_suggestion");
        String content = judgement.toString();
        if (!streamed) {
            ObjectNode completion = chunk().put("object", "chat.completion");
            completion.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                    .putObject("message").put("role", "assistant").put("content", content);
            completion.putObject("usage").put("prompt_tokens", 500).put("completion_tokens", 80).put("total_tokens", 580);
            send(exchange, "application/json", completion.toString());
            return;
        }
        StringBuilder sse = new StringBuilder();
        for (int at = 0; at < content.length(); at += 64) {
            ObjectNode chunk = chunk();
            ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
            choice.putObject("delta").put("content", content.substring(at, Math.min(content.length(), at + 64)));
            choice.putNull("finish_reason");
            sse.append("data: ").append(chunk).append("\n\n");
        }
        ObjectNode usage = chunk();
        usage.putArray("choices");
        usage.putObject("usage").put("prompt_tokens", 500).put("completion_tokens", 80).put("total_tokens", 580);
        sse.append("data: ").append(usage).append("\n\ndata: [DONE]\n\n");
        send(exchange, "text/event-stream", sse.toString());
    }

    private static void send(HttpExchange exchange, String contentType, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static ObjectNode chunk() {
        return Json.MAPPER.createObjectNode().put("id", "chatcmpl-training").put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000L).put("model", "training");
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
