package vaa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import vaa.io.Json;

/**
 * Analyze throughput benchmark (issue 4); not a test. Starts {@link JudgementServer} in this JVM (answers every
 * chat completion after a fixed delay), then for each worker count W runs {@code vaa sample} and
 * {@code vaa analyze --model openai:bench --workers W} as a <em>separate process</em> on a fresh run (so its
 * response cache is empty), under {@code /usr/bin/time} for the client's CPU time. The server's CPU is this JVM's
 * CPU over the same interval, so the two never mix.
 *
 * <pre>java -cp CP vaa.bench.AnalyzeThroughputBench --vaa PATH/TO/vaa [--calls 400] [--delay-ms 200]
 *      [--workers 1,8,32] [--repeats 1] [--work DIR] [--source DIR] [--server-check true] [--floor false]</pre>
 *
 * {@code --vaa} is the command that runs vaa (the launcher, or e.g. "java -jar target/vaa.jar"; split on spaces).
 * Without {@code --source}, CALLS canonical transcripts are generated under the work dir. The server check drives
 * the same server with a plain OkHttp loop at each W first, to show the server itself reaches W/latency. The floor
 * runs {@link BareClient} as a process of its own after vaa: the whole-process ratio a JVM that only sends reaches.
 */
public final class AnalyzeThroughputBench {
    private AnalyzeThroughputBench() {}

    record Row(int workers, int repeat, double ideal, double analyzeWallS, double processWallS, double cpuS, long maxRssKb,
               int analysed, int failed, int requests, int maxInFlight, int connections, double serverCpuS,
               double serverSpanS, long requestBytes, long e2eP50, long e2eMax, long firstRequestMs, Timeline timeline) {
        double rate() {
            return analysed / analyzeWallS;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        List<String> vaa = List.of(o.getOrDefault("vaa", "vaa").trim().split("\\s+"));
        int calls = Integer.parseInt(o.getOrDefault("calls", "400"));
        long delayMs = Long.parseLong(o.getOrDefault("delay-ms", "200"));
        int[] workers = Arrays.stream(o.getOrDefault("workers", "1,8,32").split(",")).mapToInt(Integer::parseInt).toArray();
        int repeats = Integer.parseInt(o.getOrDefault("repeats", "1"));
        boolean serverCheck = Boolean.parseBoolean(o.getOrDefault("server-check", "true"));
        Path work = Path.of(o.getOrDefault("work", System.getProperty("java.io.tmpdir") + "/vaa-analyze-bench")).toAbsolutePath();
        if (!new File("/usr/bin/time").canExecute()) {
            throw new IllegalStateException("/usr/bin/time is needed for the client's CPU time (apt-get install time)");
        }

        Files.createDirectories(work);
        Path source = o.containsKey("source") ? Path.of(o.get("source")).toAbsolutePath() : work.resolve("source-" + calls);
        if (!o.containsKey("source") && !Files.exists(source.resolve(".generated"))) {
            GenerateTranscripts.generate(source, calls, 4);
            Files.writeString(source.resolve(".generated"), "ok\n");
        }
        Path ws = work.resolve("ws");
        deleteTree(ws);
        Files.createDirectories(ws);

        try (JudgementServer server = new JudgementServer(delayMs, 0)) {
            System.out.printf(Locale.ROOT, "# server %s, delay %d ms; vaa = %s; %d calls per run; source %s%n",
                    server.baseUrl(), delayMs, String.join(" ", vaa), calls, source);
            if (serverCheck) {
                System.out.println("# server check: plain OkHttp client in this JVM, W threads, " + calls + " requests of ~10 KB (after a warm-up)");
                System.out.printf("%-4s %12s %10s %9s %10s %12s%n", "W", "ideal/s", "calls/s", "% ideal", "inflight", "connections");
                for (int w : workers) {
                    serverCheck(server, w, Math.min(calls, 4 * w), delayMs); // warm-up: JIT, threads, connections
                    double[] r = serverCheck(server, w, calls, delayMs);
                    System.out.printf(Locale.ROOT, "%-4d %12.1f %10.1f %8.0f%% %10d %12d%n", w, w * 1000.0 / delayMs, r[0],
                            100 * r[0] / (w * 1000.0 / delayMs), (int) r[1], (int) r[2]);
                }
            }
            List<Row> rows = new ArrayList<>();
            for (int rep = 1; rep <= repeats; rep++) {
                for (int w : workers) {
                    String runId = String.format(Locale.ROOT, "bench_w%d_r%d_%d", w, rep, System.currentTimeMillis());
                    Proc sample = run(ws, withEnv(vaa, "sample", "-n", String.valueOf(calls), "--source", source.toString(),
                            "--seed", "1", "--run-id", runId), Map.of());
                    if (sample.code != 0) {
                        throw new IllegalStateException("vaa sample failed:\n" + sample.output);
                    }
                    server.reset();
                    Map<String, String> env = new LinkedHashMap<>();
                    env.put("OPENAI_BASE_URL", server.baseUrl());
                    env.put("OPENAI_API_KEY", "sk-bench");
                    long serverCpu0 = cpuNanos();
                    Path timeFile = ws.resolve("time-" + runId + ".txt");
                    List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S %M", "-o", timeFile.toString()));
                    cmd.addAll(withEnv(vaa, "analyze", "--run-id", runId, "--model", "openai:bench", "--workers", String.valueOf(w)));
                    long launched = System.nanoTime();
                    Proc analyze = run(ws, cmd, env);
                    Timeline timeline = Timeline.of(server.spans(), w, System.nanoTime());
                    long firstRequestMs = (server.firstArrivalNanos() - launched) / 1_000_000;
                    double serverCpuS = (cpuNanos() - serverCpu0) / 1e9;
                    if (analyze.code != 0) {
                        throw new IllegalStateException("vaa analyze failed (" + analyze.code + "):\n" + analyze.output);
                    }
                    String[] t = Files.readString(timeFile).trim().split("\\s+");
                    JsonNode detail = Json.MAPPER.readTree(ws.resolve("runs").resolve(runId).resolve("status.json").toFile())
                            .path("stages").path("analysis").path("detail");
                    long[] e2e = clientLatency(ws.resolve("runs").resolve(runId).resolve("analyses"));
                    Row row = new Row(w, rep, w * 1000.0 / delayMs, detail.path("wall_time_s").asDouble(), Double.parseDouble(t[0]),
                            Double.parseDouble(t[1]) + Double.parseDouble(t[2]), Long.parseLong(t[3]),
                            detail.path("analysed_now").asInt(), detail.path("failed").asInt(), server.requests(),
                            server.maxInFlight(), server.connections(), serverCpuS, server.activeSpanSeconds(), server.requestBytes(),
                            e2e[0], e2e[1], firstRequestMs, timeline);
                    rows.add(row);
                    String last = analyze.output.lines().filter(l -> l.contains("Analysis of run")).findFirst().orElse("?");
                    System.out.printf(Locale.ROOT, "# run W=%d #%d: %s | requests %d, max in flight %d, connections %d, %.1f KB/request%n",
                            w, rep, last.strip(), row.requests, row.maxInFlight, row.connections,
                            row.requests == 0 ? 0 : row.requestBytes / 1024.0 / row.requests);
                    if (row.requests != calls || row.analysed != calls) {
                        System.out.println("# WARNING: expected " + calls + " requests and analyses (cache hits or failures?)");
                    }
                    deleteTree(ws.resolve("runs").resolve(runId).resolve("cache"));
                }
            }
            print(rows, calls, delayMs);
            if (Boolean.parseBoolean(o.getOrDefault("floor", "false"))) {
                floor(server, ws, workers, calls, delayMs);
            }
        }
    }

    private static void print(List<Row> rows, int calls, long delayMs) {
        System.out.printf(Locale.ROOT, "# %d calls per run, server delay %d ms; calls/s = analysed / the analysis stage's wall time "
                + "(status.json wall_time_s); process = whole vaa analyze process incl. JVM start (proc ratio = proc/s / ideal/s, "
                + "the issue-16 figure); 1st req = ms from launching the process to the server's first request; "
                + "CPU = user+sys of the vaa process; ramp = ms from the 1st request until W were in flight; "
                + "fill = requests in flight on average between the first arrival and the last answer, as a share of W; "
                + "tail = ms from the last answer to the process's exit%n",
                calls, delayMs);
        System.out.printf("%-4s %-3s %8s %9s %8s %9s %10s %8s %10s %8s %12s %7s %9s %12s %13s %6s %5s %5s%n", "W", "#", "ideal/s", "calls/s", "% ideal",
                "stage s", "process s", "proc/s", "proc ratio", "1st req", "CPU ms/call", "RSS MB", "inflight", "e2e p50/max", "srv CPU ms/c",
                "ramp", "fill", "tail");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%-4d %-3d %8.1f %9.1f %7.0f%% %9.2f %10.2f %8.1f %10.2f %8d %12.1f %7.0f %9d %12s %13.2f %6d %5.2f %5d%n",
                    r.workers, r.repeat, r.ideal, r.rate(), 100 * r.rate() / r.ideal, r.analyzeWallS, r.processWallS,
                    r.analysed / r.processWallS, r.analysed / r.processWallS / r.ideal, r.firstRequestMs,
                    1000 * r.cpuS / Math.max(1, r.analysed), r.maxRssKb / 1024.0, r.maxInFlight,
                    r.e2eP50 + "/" + r.e2eMax, 1000 * r.serverCpuS / Math.max(1, r.requests),
                    r.timeline.rampMs, r.timeline.fill, r.timeline.tailMs);
        }
        System.out.println("# e2e = per-request latency vaa recorded (analyses/*.json provenance.e2e_ms), ms; the server's delay is the floor");
    }

    /**
     * The same calls from {@link BareClient}, a process that only sends them (OkHttp, no SDK, no files), with the
     * launcher's JVM flags: what the JVM and the network stack leave for everything vaa does.
     */
    static void floor(JudgementServer server, Path ws, int[] workers, int calls, long delayMs) throws Exception {
        // a jar of its own plus the jars it needs (a class-data archive refuses directories on the class path)
        Path jar = ws.resolve("bare-client.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
             var in = BareClient.class.getResourceAsStream("BareClient.class")) {
            out.putNextEntry(new java.util.jar.JarEntry("vaa/bench/BareClient.class"));
            in.transferTo(out);
        }
        String cp = jar + File.pathSeparator + Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar")).map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(File.pathSeparator));
        // the JVM the launcher picks for vaa: JAVA_HOME's, else the java on PATH
        String java = System.getenv("JAVA_HOME") == null ? "java" : Path.of(System.getenv("JAVA_HOME"), "bin", "java").toString();
        // with a class-data archive of its own, trained on a short run first, as the launcher gives vaa one
        Path archive = ws.resolve("bare.jsa");
        Files.deleteIfExists(archive);
        server.reset();
        Proc training = run(ws, List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:ArchiveClassesAtExit=" + archive,
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-cp", cp, "vaa.bench.BareClient", server.baseUrl(), "8", "4"), Map.of());
        if (training.code != 0 || !Files.exists(archive)) {
            throw new IllegalStateException("BareClient's archive was not made:\n" + training.output);
        }
        System.out.println("# floor: vaa.bench.BareClient, a JVM process (with its own class-data archive) that only posts the same number "
                + "of ~8 KB requests (OkHttp, no SDK, no files)");
        System.out.printf("%-4s %10s %10s %8s %12s %6s %5s %5s%n", "W", "process s", "proc ratio", "1st req", "CPU ms/call", "ramp", "fill", "tail");
        for (int w : workers) {
            server.reset();
            Path timeFile = ws.resolve("time-floor-" + w + ".txt");
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S %M", "-o", timeFile.toString(),
                    java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off",
                    "-Xlog:cds+dynamic=off", "-cp", cp, "vaa.bench.BareClient", server.baseUrl(),
                    String.valueOf(calls), String.valueOf(w)));
            long launched = System.nanoTime();
            Proc p = run(ws, cmd, Map.of());
            Timeline timeline = Timeline.of(server.spans(), w, System.nanoTime());
            if (p.code != 0) {
                throw new IllegalStateException("BareClient failed:\n" + p.output);
            }
            String[] t = Files.readString(timeFile).trim().split("\\s+");
            double wall = Double.parseDouble(t[0]);
            double cpu = Double.parseDouble(t[1]) + Double.parseDouble(t[2]);
            System.out.printf(Locale.ROOT, "%-4d %10.2f %10.2f %8d %12.1f %6d %5.2f %5d%n", w, wall, calls / wall / (w * 1000.0 / delayMs),
                    (server.firstArrivalNanos() - launched) / 1_000_000, 1000 * cpu / calls, timeline.rampMs(), timeline.fill(), timeline.tailMs());
        }
    }

    /** W threads each sending requests back to back until {@code total} are done; returns calls/s, max in flight, connections. */
    static double[] serverCheck(JudgementServer server, int w, int total, long delayMs) throws Exception {
        OkHttpClient client = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(w + 1, 5, TimeUnit.MINUTES))
                .readTimeout(Duration.ofSeconds(60))
                .build();
        String body = "{\"model\":\"bench\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(10_000) + "\"}]}";
        RequestBody rb = RequestBody.create(body, MediaType.get("application/json"));
        server.reset();
        AtomicInteger left = new AtomicInteger(total);
        ExecutorService pool = Executors.newFixedThreadPool(w);
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < w; i++) {
            fs.add(pool.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    try (Response resp = client.newCall(new Request.Builder().url(server.baseUrl() + "/chat/completions").post(rb).build()).execute()) {
                        if (!resp.isSuccessful() || !resp.body().string().contains("[DONE]")) {
                            throw new IllegalStateException("bad response " + resp.code());
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        return new double[] {total / seconds, server.maxInFlight(), server.connections()};
    }

    /** p50 and max of provenance.e2e_ms over the run's analyses. */
    static long[] clientLatency(Path analyses) throws IOException {
        List<Long> ms = new ArrayList<>();
        try (var files = Files.list(analyses)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".error.json")).toList()) {
                JsonNode e2e = Json.MAPPER.readTree(f.toFile()).path("provenance").path("e2e_ms");
                if (e2e.isNumber()) {
                    ms.add(e2e.asLong());
                }
            }
        }
        ms.sort(null);
        return ms.isEmpty() ? new long[] {0, 0} : new long[] {ms.get(ms.size() / 2), ms.get(ms.size() - 1)};
    }

    /**
     * Where a run's time went, from the server's side: how long the client took to have W requests in flight after
     * its first, how full it kept the W slots while it worked, and how long it took to exit after its last answer.
     */
    record Timeline(long rampMs, double fill, long tailMs) {
        static Timeline of(List<long[]> spans, int w, long exitedNanos) {
            if (spans.isEmpty()) {
                return new Timeline(0, 0, 0);
            }
            long first = spans.stream().mapToLong(s -> s[0]).min().orElseThrow();
            long last = spans.stream().mapToLong(s -> s[1]).max().orElseThrow();
            long busy = spans.stream().mapToLong(s -> s[1] - s[0]).sum();
            // +1 at each arrival, -1 at each end; ends sort before arrivals at the same instant
            List<long[]> events = new ArrayList<>();
            for (long[] s : spans) {
                events.add(new long[] {s[0], 1});
                events.add(new long[] {s[1], -1});
            }
            events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
            int target = Math.min(w, spans.size());
            int now = 0;
            long full = last;
            for (long[] e : events) {
                now += (int) e[1];
                if (now >= target) {
                    full = e[0];
                    break;
                }
            }
            return new Timeline((full - first) / 1_000_000, last == first ? 0 : busy / (double) ((last - first) * w),
                    (exitedNanos - last) / 1_000_000);
        }
    }

    static List<String> withEnv(List<String> vaa, String... args) {
        List<String> cmd = new ArrayList<>(vaa);
        cmd.addAll(List.of(args));
        return cmd;
    }

    record Proc(int code, String output) {}

    static Proc run(Path dir, List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> e = pb.environment();
        // the benchmark must talk to its own server only, with local prompts
        e.keySet().removeIf(k -> k.startsWith("LANGFUSE_") || k.startsWith("OPENAI_"));
        e.put("NO_COLOR", "1");
        e.putAll(env);
        Path log = Files.createTempFile(dir, ".proc", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        int code = p.waitFor();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Proc(code, out);
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
