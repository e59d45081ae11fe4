package vaa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vaa.io.Json;
import vaa.testing.OpenAiStub;

/**
 * {@code vaa run -n N} end to end against a local OpenAI-compatible server answering every request
 * after a fixed delay (judgements for calls, themes for insights). vaa runs as its own process
 * (the built jar), so its figures do not mix with the server's.
 * Usage: RunEndToEndBench VAA_JAR SOURCE_DIR [N=50] [DELAY_MS=200] [WORKERS=8]
 */
public final class RunEndToEndBench {
    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path source = Path.of(args[1]).toAbsolutePath();
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        long delay = args.length > 3 ? Long.parseLong(args[3]) : 200;
        int workers = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        String themes = "{\"summary\": \"Orders are misheard.\", \"themes\": [{\"title\": \"Misheard orders\", \"explanation\":"
                + " \"Customers repeat their order.\", \"call_count\": 3, \"supporting_call_ids\": [], \"recommendations\":"
                + " [\"Read the order back.\"]}]}";
        try (OpenAiStub stub = new OpenAiStub(b -> b.toString().contains("Call id:") ? OpenAiStub.variedJudgement(b) : themes).delay(delay)) {
            Path ws = Files.createTempDirectory("vaa-e2e");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(), "run", "-n", String.valueOf(n), "--seed", "1",
                    "--source", source.toString(), "--run-id", "e2e", "--model", "openai:bench", "--insights-model", "openai:bench",
                    "--workers", String.valueOf(workers)));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(ws.toFile()).redirectErrorStream(true)
                    .redirectOutput(new File(ws.resolve("out.txt").toString()));
            pb.environment().putAll(stub.env());
            long t0 = System.nanoTime();
            Process p = pb.start();
            int code = p.waitFor();
            long wallMs = (System.nanoTime() - t0) / 1_000_000;
            long cpuMs = p.info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L);
            JsonNode status = Json.MAPPER.readTree(ws.resolve("runs/e2e/status.json").toFile());
            System.out.printf("vaa run -n %d, %d ms model latency, --workers %d: exit %d, wall %d ms, requests %d%n",
                    n, delay, workers, code, wallMs, stub.requests.get());
            System.out.printf("ideal for the model calls alone: %d ms (%d analysis calls / %d workers × %d ms + 1 insights call)%n",
                    (long) Math.ceil((double) n / workers) * delay + delay, n, workers, delay);
            status.path("stages").fields().forEachRemaining(e -> System.out.printf("  %-14s %-10s %s → %s%n", e.getKey(),
                    e.getValue().path("status").asText(), e.getValue().path("started_at").asText(), e.getValue().path("finished_at").asText()));
            if (cpuMs >= 0) {
                System.out.println("vaa CPU: " + cpuMs + " ms");
            }
            if (code != 0) {
                System.out.println(Files.readString(ws.resolve("out.txt")));
            }
        }
    }
}
