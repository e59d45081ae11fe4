package vaa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import vaa.io.Json;

/**
 * vaa next to promptfoo (issue 16): the same calls against the same local server ({@link JudgementServer}, a fixed
 * delay), whole processes timed from launch to exit, at each W in one run. The calls are vaa's own: a first, untimed
 * {@code vaa analyze} records the request bodies the server receives, and promptfoo is given those messages, model
 * parameters and response format (it asks without streaming; the server answers the same judgement either way).
 *
 * <pre>java -cp CP vaa.bench.PeerBench --vaa PATH/TO/vaa --promptfoo PATH/TO/promptfoo [--calls 300] [--delay-ms 200]
 *      [--workers 4,16,32] [--repeats 1] [--work DIR]</pre>
 *
 * ratio = calls/s of the whole process / (W / delay): 1.0 would be every slot busy with a request from launch to exit.
 */
public final class PeerBench {
    private PeerBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].substring(2), args[i + 1]);
        }
        List<String> vaa = List.of(o.getOrDefault("vaa", "vaa").trim().split("\\s+"));
        String promptfoo = o.get("promptfoo");
        int calls = Integer.parseInt(o.getOrDefault("calls", "300"));
        long delayMs = Long.parseLong(o.getOrDefault("delay-ms", "200"));
        int[] workers = Arrays.stream(o.getOrDefault("workers", "4,16,32").split(",")).mapToInt(Integer::parseInt).toArray();
        int repeats = Integer.parseInt(o.getOrDefault("repeats", "1"));
        Path work = Path.of(o.getOrDefault("work", System.getProperty("java.io.tmpdir") + "/vaa-peer-bench")).toAbsolutePath();
        Path source = work.resolve("source-" + calls);
        if (!Files.exists(source.resolve(".generated"))) {
            GenerateTranscripts.generate(source, calls, 4);
            Files.writeString(source.resolve(".generated"), "ok\n");
        }
        Path ws = work.resolve("ws");
        AnalyzeThroughputBench.deleteTree(ws);
        Files.createDirectories(ws);

        try (JudgementServer server = new JudgementServer(delayMs, 0)) {
            Map<String, String> env = Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "sk-bench");
            Path bodies = ws.resolve("requests");
            Files.createDirectories(bodies);
            server.record(bodies);
            analyze(vaa, ws, source, calls, 32, "peer_record", env, server);
            server.record(null);
            Path config = promptfooConfig(bodies, ws, server.baseUrl());
            System.out.printf(Locale.ROOT, "# %d calls per run, server delay %d ms (%s), promptfoo config %s%n", calls, delayMs,
                    server.baseUrl(), config);
            System.out.printf("%-4s %-3s %8s %10s %9s %14s %10s %10s   %s%n", "W", "#", "ideal/s", "vaa s", "vaa ratio",
                    "promptfoo s", "pf ratio", "vaa / pf", "load average");
            for (int rep = 1; rep <= repeats; rep++) {
                for (int w : workers) {
                    double ideal = w * 1000.0 / delayMs;
                    double vaaS = analyze(vaa, ws, source, calls, w, "peer_w" + w + "_" + rep, env, server);
                    double pfS = promptfoo(promptfoo, config, ws, calls, w, server);
                    double vaaRatio = calls / vaaS / ideal;
                    double pfRatio = calls / pfS / ideal;
                    System.out.printf(Locale.ROOT, "%-4d %-3d %8.1f %10.2f %9.2f %14.2f %10.2f %10.2f   %s%n", w, rep, ideal, vaaS,
                            vaaRatio, pfS, pfRatio, vaaRatio / pfRatio, Files.readString(Path.of("/proc/loadavg")).substring(0, 14));
                }
            }
        }
    }

    /** Samples a fresh run and times {@code vaa analyze --workers W} on it; seconds from launch to exit. */
    private static double analyze(List<String> vaa, Path ws, Path source, int calls, int w, String runId, Map<String, String> env,
                                  JudgementServer server) throws Exception {
        AnalyzeThroughputBench.Proc sample = AnalyzeThroughputBench.run(ws, AnalyzeThroughputBench.withEnv(vaa, "sample", "-n",
                String.valueOf(calls), "--source", source.toString(), "--seed", "1", "--run-id", runId), Map.of());
        check(sample, "vaa sample");
        server.reset();
        long t0 = System.nanoTime();
        AnalyzeThroughputBench.Proc analyze = AnalyzeThroughputBench.run(ws, AnalyzeThroughputBench.withEnv(vaa, "analyze", "--run-id", runId,
                "--model", "openai:bench", "--workers", String.valueOf(w)), env);
        double seconds = (System.nanoTime() - t0) / 1e9;
        check(analyze, "vaa analyze");
        if (server.requests() != calls) {
            throw new IllegalStateException("vaa made " + server.requests() + " requests, not " + calls);
        }
        return seconds;
    }

    private static double promptfoo(String promptfoo, Path config, Path ws, int calls, int w, JudgementServer server) throws Exception {
        server.reset();
        Map<String, String> env = Map.of("PROMPTFOO_DISABLE_TELEMETRY", "1", "PROMPTFOO_DISABLE_UPDATE", "1",
                "PROMPTFOO_CONFIG_DIR", ws.resolve("promptfoo-home").toString(), "PROMPTFOO_DISABLE_SHARING", "1");
        long t0 = System.nanoTime();
        AnalyzeThroughputBench.Proc eval = AnalyzeThroughputBench.run(ws, List.of(promptfoo, "eval", "-c", config.toString(),
                "-j", String.valueOf(w), "--no-cache", "--no-write", "--no-table", "--no-progress-bar"), env);
        double seconds = (System.nanoTime() - t0) / 1e9;
        // promptfoo 0.121 on Node 20 may die in its logger once the eval is done ("write after end", exit 1): what counts
        // is that every call reached the server
        if (eval.code() != 0 && server.requests() == calls) {
            System.out.println("# promptfoo -j " + w + " exited " + eval.code() + " after making all " + calls + " calls: "
                    + eval.output().lines().filter(l -> l.contains("Error") || l.contains("error")).findFirst().orElse("").strip());
        } else {
            check(eval, "promptfoo eval");
        }
        if (server.requests() != calls) {
            throw new IllegalStateException("promptfoo made " + server.requests() + " requests, not " + calls + ":\n" + eval.output());
        }
        return seconds;
    }

    /** vaa's recorded requests as promptfoo tests: the messages per test, the model parameters and response format once. */
    private static Path promptfooConfig(Path bodies, Path ws, String baseUrl) throws Exception {
        ArrayNode tests = Json.MAPPER.createArrayNode();
        JsonNode first = null;
        List<Path> files;
        try (Stream<Path> list = Files.list(bodies)) {
            files = list.sorted().toList();
        }
        for (Path f : files) {
            JsonNode body = Json.MAPPER.readTree(f.toFile());
            first = first == null ? body : first;
            tests.addObject().putObject("vars").set("messages", body.get("messages"));
        }
        ObjectNode providerConfig = Json.MAPPER.createObjectNode().put("apiBaseUrl", baseUrl).put("apiKey", "sk-bench");
        for (String field : List.of("temperature", "max_tokens", "response_format")) {
            if (first != null && first.has(field)) {
                providerConfig.set(field, first.get(field));
            }
        }
        ObjectNode config = Json.MAPPER.createObjectNode().put("description", "vaa peer benchmark");
        config.putArray("prompts").add("{{ messages | dump }}");
        config.putArray("providers").addObject().put("id", "openai:chat:bench").set("config", providerConfig);
        config.set("tests", tests);
        Path file = ws.resolve("promptfooconfig.json");
        Files.writeString(file, config.toString());
        return file;
    }

    private static void check(AnalyzeThroughputBench.Proc p, String what) {
        if (p.code() != 0) {
            throw new IllegalStateException(what + " failed (" + p.code() + "):\n" + p.output());
        }
    }

}
