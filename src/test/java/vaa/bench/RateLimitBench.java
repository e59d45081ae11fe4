package vaa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vaa.io.Json;

/**
 * Rate-limit benchmark (issue 16); not a test. {@code vaa analyze --workers W} against {@link JudgementServer}
 * answering after a fixed delay, so the demand is {@code W / delay} requests a second, while a {@link RateLimiter}
 * allows {@code rps} (default: W=8 at 200 ms = 40/s against 10/s, 4× the limit). One fresh run per scenario,
 * vaa as its own process, as in {@link AnalyzeThroughputBench}.
 *
 * <pre>java -cp CP vaa.bench.RateLimitBench --vaa PATH/TO/vaa [--calls 300] [--workers 8] [--delay-ms 200] [--rps 10]
 *      [--scenarios headers,headers-60s,...] [--work DIR]</pre>
 *
 * Scenarios: {@code headers} (a 1 s bucket, x-ratelimit-* headers and Retry-After on 429s), {@code headers-60s}
 * (a 60 s bucket, OpenAI's per-minute shape: a burst of 60 × rps first, so the run is longer by the calls that
 * burst takes), {@code headers-no-retry-after}, {@code tokens} (the token limit binds: rps × the mean request's
 * tokens, requests 10× looser), {@code no-headers} (429s with Retry-After only: the AIMD fallback),
 * {@code no-headers-no-retry-after}, {@code stated-rpm} (no headers, the limit stated as {@code rpm} in vaa-models.json),
 * {@code unlimited} (no limit at all) and {@code far-from-limit} (headers, a limit 40× rps: does pacing cost anything
 * when nothing needs pacing?).
 *
 * <p>Reported: the share of answers that were 429s; the admitted rate from the moment the limit first bound
 * (the start-up before it is the demand's, not the pacing's) to the last admission, as a share of the limit;
 * and whether every call was analysed.
 */
public final class RateLimitBench {
    private RateLimitBench() {}

    /** {@code limitScale}: the request limit is {@code rps × limitScale} (the token limit, when set, is rps's). */
    record Scenario(String name, double windowS, boolean headers, boolean retryAfter, boolean tokens, String catalog,
                    double limitScale) {}

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("headers", 1, true, true, false, null, 1),
            new Scenario("headers-60s", 60, true, true, false, null, 1),
            new Scenario("headers-no-retry-after", 1, true, false, false, null, 1),
            new Scenario("tokens", 1, true, true, true, null, 10),
            new Scenario("no-headers", 1, false, true, false, null, 1),
            new Scenario("no-headers-no-retry-after", 1, false, false, false, null, 1),
            new Scenario("stated-rpm", 1, false, true, false, "{\"providers\": {\"openai\": {\"rpm\": %d}}}", 1),
            new Scenario("unlimited", 1, false, false, false, null, 0),
            new Scenario("far-from-limit", 1, true, true, false, null, 40));

    public static void main(String[] args) throws Exception {
        Map<String, String> o = AnalyzeThroughputBench.options(args);
        List<String> vaa = List.of(o.getOrDefault("vaa", "vaa").trim().split("\\s+"));
        int calls = Integer.parseInt(o.getOrDefault("calls", "300"));
        int workers = Integer.parseInt(o.getOrDefault("workers", "8"));
        long delayMs = Long.parseLong(o.getOrDefault("delay-ms", "200"));
        double rps = Double.parseDouble(o.getOrDefault("rps", "10"));
        List<String> wanted = List.of(o.getOrDefault("scenarios", String.join(",", SCENARIOS.stream().map(Scenario::name).toList())).split(","));
        Path work = Path.of(o.getOrDefault("work", System.getProperty("java.io.tmpdir") + "/vaa-rate-bench")).toAbsolutePath();
        double demand = workers * 1000.0 / delayMs;
        if (demand <= rps) {
            throw new IllegalArgumentException("demand " + demand + "/s does not exceed the limit " + rps + "/s");
        }
        Files.createDirectories(work);
        Path ws = work.resolve("ws");
        AnalyzeThroughputBench.deleteTree(ws);
        Files.createDirectories(ws);
        System.out.printf(Locale.ROOT, "# vaa = %s; W=%d, server delay %d ms: demand %.0f/s against a limit of %.0f/s (%.1f×)%n",
                String.join(" ", vaa), workers, delayMs, demand, rps, demand / rps);

        double meanTokens = 0;
        List<String> rows = new ArrayList<>();
        for (Scenario sc : SCENARIOS) {
            if (!wanted.contains(sc.name)) {
                continue;
            }
            // a bucket of more than a second lets a burst through first: add the calls that burst takes
            double burst = rps * sc.windowS;
            int n = calls + (sc.windowS > 1 ? (int) Math.ceil(burst * demand / (demand - rps)) : 0);
            Path source = source(work, n);
            if (sc.tokens && meanTokens == 0) {
                meanTokens = probeTokens(vaa, ws, source, workers);
                System.out.printf(Locale.ROOT, "# probe: the mean request is %.0f tokens (body bytes / 4)%n", meanTokens);
            }
            long tpm = sc.tokens ? Math.round(rps * 60 * meanTokens) : 0;
            // "unlimited" counts admissions too, against a limit nothing reaches
            RateLimiter limiter = new RateLimiter(sc.limitScale == 0 ? 1e9 : sc.limitScale * rps, sc.windowS, tpm, sc.headers,
                    sc.retryAfter);
            Path catalog = ws.resolve("vaa-models.json");
            Files.deleteIfExists(catalog);
            if (sc.catalog != null) {
                Files.writeString(catalog, String.format(Locale.ROOT, sc.catalog, Math.round(rps * 60)));
            }
            try (JudgementServer server = new JudgementServer(delayMs, 0, limiter)) {
                String runId = "rate_" + sc.name + "_" + System.currentTimeMillis();
                long t0 = System.nanoTime();
                JsonNode detail = analyze(vaa, ws, source, n, runId, workers, server.baseUrl());
                double wallS = (System.nanoTime() - t0) / 1e9;
                rows.add(row(sc, limiter, detail, n, wallS, tpm, demand));
                System.out.println("# " + sc.name + ": " + rows.get(rows.size() - 1));
                System.out.println("#   429s by second since the first admission: " + bySecond(limiter));
            } finally {
                Files.deleteIfExists(catalog);
            }
        }
        System.out.printf("%-26s %6s %9s %7s %8s %10s %9s %13s %9s %8s%n", "scenario", "calls", "admitted", "429s", "429 %",
                "limit/s", "wall s", "sustained", "calls/s", "all done");
        rows.forEach(System.out::println);
        System.out.println("# sustained = admitted (tokens for 'tokens') per second from the moment the limit first bound to the last"
                + " admission, ÷ the limit; 429 % = 429 answers ÷ all answers; calls/s = analysed ÷ the analysis stage's wall time"
                + " (status.json), with the demand W/delay in brackets; all done = every call analysed, none failed");
    }

    private static String row(Scenario sc, RateLimiter limiter, JsonNode detail, int n, double wallS, long tpm, double demand) {
        List<long[]> admissions = limiter.admissions();
        long bound = limiter.boundAt();
        long last = admissions.isEmpty() ? 0 : admissions.get(admissions.size() - 1)[0];
        double count = 0;
        for (long[] a : admissions) {
            if (a[0] > bound) {
                count += sc.tokens ? a[1] : 1;
            }
        }
        double limit = sc.tokens ? limiter.tokensPerSecond() : limiter.rps();
        String sustained = bound == Long.MIN_VALUE || last <= bound ? "never bound"
                : String.format(Locale.ROOT, "%.2f", count / ((last - bound) / 1e9) / limit);
        int refused = limiter.refused();
        boolean done = detail.path("analysed_now").asInt() == n && detail.path("failed").asInt() == 0;
        String callsPerS = String.format(Locale.ROOT, "%.1f (%.0f)", detail.path("analysed_now").asInt() / detail.path("wall_time_s").asDouble(),
                demand);
        String limitText = sc.limitScale == 0 ? "none" : sc.tokens ? tpm / 60 + " tok" : String.format(Locale.ROOT, "%.0f", limiter.rps());
        return String.format(Locale.ROOT, "%-26s %6d %9d %7d %7.1f%% %10s %9.1f %13s %9s %8s", sc.name, n, admissions.size(), refused,
                100.0 * refused / Math.max(1, admissions.size() + refused), limitText, wallS, sustained, callsPerS,
                done ? "yes" : "NO (" + detail.path("analysed_now").asInt() + " analysed, " + detail.path("failed").asInt() + " failed)");
    }

    private static String bySecond(RateLimiter limiter) {
        List<long[]> admissions = limiter.admissions();
        if (admissions.isEmpty()) {
            return "-";
        }
        Map<Long, Integer> counts = new java.util.TreeMap<>();
        for (long t : limiter.refusals()) {
            counts.merge((t - admissions.get(0)[0]) / 1_000_000_000L, 1, Integer::sum);
        }
        return counts.isEmpty() ? "none" : counts.toString();
    }

    /** Runs sample + analyze on a fresh run; returns status.json's analysis detail. */
    private static JsonNode analyze(List<String> vaa, Path ws, Path source, int n, String runId, int workers, String baseUrl)
            throws Exception {
        AnalyzeThroughputBench.Proc sample = AnalyzeThroughputBench.run(ws, AnalyzeThroughputBench.withEnv(vaa, "sample", "-n",
                String.valueOf(n), "--source", source.toString(), "--seed", "1", "--run-id", runId), Map.of());
        if (sample.code() != 0) {
            throw new IllegalStateException("vaa sample failed:\n" + sample.output());
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OPENAI_BASE_URL", baseUrl);
        env.put("OPENAI_API_KEY", "sk-bench");
        AnalyzeThroughputBench.Proc analyze = AnalyzeThroughputBench.run(ws, AnalyzeThroughputBench.withEnv(vaa, "analyze", "--run-id",
                runId, "--model", "openai:bench", "--workers", String.valueOf(workers)), env);
        if (analyze.code() != 0) {
            System.out.println("# vaa analyze exited " + analyze.code() + ":\n" + analyze.output());
        }
        Path run = ws.resolve("runs").resolve(runId);
        JsonNode detail = Json.MAPPER.readTree(run.resolve("status.json").toFile()).path("stages").path("analysis").path("detail");
        AnalyzeThroughputBench.deleteTree(run.resolve("cache"));
        return detail;
    }

    /** The mean request's tokens as the server counts them, from a short run against an unlimited server. */
    private static double probeTokens(List<String> vaa, Path ws, Path source, int workers) throws Exception {
        try (JudgementServer server = new JudgementServer(0, 0)) {
            analyze(vaa, ws, source, 20, "rate_probe_" + System.currentTimeMillis(), workers, server.baseUrl());
            return server.requestBytes() / 4.0 / Math.max(1, server.requests());
        }
    }

    private static Path source(Path work, int n) throws Exception {
        Path source = work.resolve("source-" + n);
        if (!Files.exists(source.resolve(".generated"))) {
            GenerateTranscripts.generate(source, n, 4);
            Files.writeString(source.resolve(".generated"), "ok\n");
        }
        return source;
    }
}
