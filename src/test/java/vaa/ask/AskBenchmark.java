package vaa.ask;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import vaa.io.Env;
import vaa.io.Json;
import vaa.io.MessageSink;
import vaa.llm.Tracer;
import vaa.metrics.MetricsStage;
import vaa.run.Run;
import vaa.run.RunStore;

/**
 * Index build time and query latency (everything but the model call) of {@code vaa ask} on a run of
 * N generated calls. Unlike perf.GenerateAnalysesMain, whose calls all share one text, the calls
 * here vary (intents, outcomes, friction, summaries, 12-30 transcript lines from word pools), so
 * BM25 has real postings to rank. Usage: AskBenchmark WORKSPACE [N=10000] [ROUNDS=5]
 */
public final class AskBenchmark {
    static final String[] INTENTS = {"check balance", "reset password", "request refund", "change address", "cancel subscription",
            "report lost card", "dispute charge", "order coffee", "track parcel", "book appointment", "update payment method",
            "close account", "upgrade plan", "report outage", "ask about fees"};
    static final String[] OUTCOMES = {"resolved", "resolved", "resolved", "partially_resolved", "unresolved", "escalated", "abandoned"};
    static final String[] FRICTION = {"misunderstanding", "repetition", "long_wait", "verification", "missing_information", "customer_frustration"};
    static final String[] ERRORS = {"wrong_information", "missed_intent", "no_confirmation", "failed_to_act"};
    static final String[] NOUNS = {"card", "account", "parcel", "refund", "password", "code", "address", "plan", "fee", "order",
            "latte", "appointment", "invoice", "router", "subscription", "statement", "transfer", "pin", "branch", "supervisor"};
    static final String[] CUSTOMER = {"I need help with my %s", "why is my %s not working", "can you check the %s", "I already told you the %s",
            "hello are you still there", "that is not what I asked about the %s", "can I speak to a real person", "I never got the %s",
            "please repeat that", "thanks that fixes the %s"};
    static final String[] AGENT = {"Thank you for calling, how can I help?", "Let me look up your %s", "Could you confirm your %s",
            "I am sorry, I could not find that %s", "One moment while I check the %s", "I have updated the %s", "Is there anything else?",
            "I will transfer you to a colleague", "Your %s is on its way", "I did not catch that, could you say it again"};
    static final List<String> QUESTIONS = List.of("Why do calls fail?", "How many calls were escalated?", "What goes wrong with password resets?",
            "Where do customers wait too long?", "Which calls mention a lost card and a supervisor?", "Why are refunds not issued?",
            "What do frustrated customers say about fees?", "Where did the agent give wrong information about the router?",
            "Which calls were abandoned while tracking a parcel?", "What should the agent confirm before changing an address?");

    public static void main(String[] args) throws Exception {
        Path ws = Path.of(args[0]).toAbsolutePath();
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        String id = "bench_ask_" + n;
        RunStore store = new RunStore(ws, Clock.systemDefaultZone(), "bench");
        Run run = store.find(id).orElse(null);
        if (run == null) {
            run = store.tryCreate(id).orElseThrow();
            long t = System.nanoTime();
            generate(run, n);
            MetricsStage.run(run, null);
            System.out.printf(Locale.ROOT, "generated %,d analyses + transcripts + metrics.json in %.1f s%n", n, secs(t));
        }
        Path indexDir = run.cacheDir().resolve(CallIndex.DIR);
        delete(indexDir);

        long t0 = System.nanoTime();
        IndexSource.scan(run);
        double scanMs = ms(t0);
        CallIndex.Status built;
        t0 = System.nanoTime();
        try (CallIndex index = CallIndex.open(run, MessageSink.NONE)) {
            built = index.refresh();
        }
        double coldBuild = ms(t0);
        t0 = System.nanoTime();
        try (CallIndex index = CallIndex.open(run, MessageSink.NONE)) {
            index.refresh();
        }
        double reopen = ms(t0);
        touch(run.analysesDir().resolve(String.format("call_%07d.json", n / 2)));
        t0 = System.nanoTime();
        try (CallIndex index = CallIndex.open(run, MessageSink.NONE)) {
            index.refresh();
        }
        double rebuild = ms(t0);

        AskSetup setup = new AskSetup(Env.of(Map.of()), ws, Clock.systemDefaultZone(), AskOptions.defaults(), MessageSink.NONE, Tracer.OFF);
        List<double[]> perRound = new ArrayList<>();
        double first = -1;
        try (AskEngine engine = AskEngine.open(run, setup)) {
            for (int r = 0; r < rounds; r++) {
                double[] totals = new double[QUESTIONS.size()];
                for (int q = 0; q < QUESTIONS.size(); q++) {
                    long s = System.nanoTime();
                    engine.ask(QUESTIONS.get(q), AskListener.NONE);
                    totals[q] = ms(s);
                    if (first < 0) {
                        first = totals[q];
                    }
                }
                perRound.add(totals);
            }
        }
        // timings of the last round, from the saved records
        List<AskRecord> last = lastRecords(run, QUESTIONS.size());
        System.out.printf(Locale.ROOT, "%n%,d analyses, index %s (%.1f MB, %,d documents)%n", n, indexDir, size(indexDir) / 1e6, built.documents());
        System.out.printf(Locale.ROOT, "fingerprint scan (list + stat analyses and transcripts): %8.0f ms%n", scanMs);
        System.out.printf(Locale.ROOT, "index build, cold (no index yet):                      %8.0f ms%n", coldBuild);
        System.out.printf(Locale.ROOT, "open, index current (a later process):                 %8.0f ms%n", reopen);
        System.out.printf(Locale.ROOT, "rebuild after one analysis changed:                    %8.0f ms%n", rebuild);
        System.out.printf(Locale.ROOT, "first question of the process (cold JVM paths):         %8.1f ms%n", first);
        double[] lastTotals = perRound.get(perRound.size() - 1);
        System.out.printf(Locale.ROOT, "question, warm, %d questions: p50 %.1f ms, p95 %.1f ms, max %.1f ms (incl. saving .json + .md)%n",
                lastTotals.length, pct(lastTotals, 50), pct(lastTotals, 95), pct(lastTotals, 100));
        System.out.printf(Locale.ROOT, "  of which: index check p50 %.0f ms, retrieval p50 %.0f ms, context p50 %.0f ms%n",
                pct(last.stream().mapToDouble(x -> x.timingsMs().index()).toArray(), 50),
                pct(last.stream().mapToDouble(x -> x.timingsMs().retrieval()).toArray(), 50),
                pct(last.stream().mapToDouble(x -> x.timingsMs().context()).toArray(), 50));
        System.out.printf(Locale.ROOT, "heap used now: %.0f MB (max %.0f MB)%n",
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
    }

    static void generate(Run run, int n) throws IOException {
        Files.createDirectories(run.analysesDir());
        Files.createDirectories(run.sampledDir());
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            String id = String.format("call_%07d", i);
            String intent = pick(rnd, INTENTS);
            String outcome = pick(rnd, OUTCOMES);
            String noun = pick(rnd, NOUNS);
            int lines = 12 + rnd.nextInt(19);
            ObjectNode t = Json.MAPPER.createObjectNode().put("id", id);
            ArrayNode us = t.putArray("utterances");
            List<String> said = new ArrayList<>();
            for (int j = 0; j < lines; j++) {
                String text = String.format(j % 2 == 0 ? pick(rnd, AGENT) : pick(rnd, CUSTOMER), rnd.nextInt(3) == 0 ? pick(rnd, NOUNS) : noun);
                said.add(text);
                us.addObject().put("speaker", j % 2 == 0 ? "agent" : "customer").put("text", text).put("start", j * 4.0).put("end", j * 4.0 + 3);
            }
            Files.writeString(run.sampledDir().resolve(id + ".json"), Json.pretty(t));
            ObjectNode a = Json.MAPPER.createObjectNode().put("schema_version", "1.0").put("call_id", id).put("analysed_at", "2026-11-21T09:00:00");
            a.putObject("metadata").put("agent_name", "agent_" + rnd.nextInt(20)).put("source", "bench");
            a.putObject("structural").put("utterances", lines).put("has_timestamps", true).put("duration_s", lines * 4.0)
                    .put("agent_response_latency_p50_s", Math.round(rnd.nextDouble(0.3, 4) * 100) / 100.0).put("interruptions", rnd.nextInt(4));
            ObjectNode j = a.putObject("judgement");
            boolean ok = outcome.equals("resolved");
            j.put("outcome", outcome).put("customer_intent", intent).put("task_completed", ok).put("escalation_requested", outcome.equals("escalated"))
                    .put("sentiment_start", "neutral").put("sentiment_end", ok ? "positive" : pick(rnd, new String[] {"neutral", "negative"}));
            ArrayNode fp = j.putArray("friction_points");
            if (!ok || rnd.nextInt(4) == 0) {
                int k = 1 + 2 * rnd.nextInt(lines / 2);
                fp.addObject().put("category", pick(rnd, FRICTION)).put("description", "The customer struggled with the " + noun + ".")
                        .put("quote", said.get(k)).put("utterance_index", k).put("quote_verified", true);
            }
            ArrayNode errs = j.putArray("agent_errors");
            if (!ok && rnd.nextBoolean()) {
                errs.addObject().put("category", pick(rnd, ERRORS)).put("description", "The agent handled the " + noun + " badly.");
            }
            j.put("summary", "The customer wanted to " + intent + " about the " + noun + "; the call ended " + outcome.replace('_', ' ') + ".");
            j.put("failure_reason", ok ? null : "The agent could not sort out the " + noun + ".");
            j.put("improvement_suggestion", "Confirm the " + noun + " before acting.");
            a.put("judgement_status", "ok");
            Files.writeString(run.analysesDir().resolve(id + ".json"), Json.pretty(a));
        }
    }

    private static List<AskRecord> lastRecords(Run run, int k) throws IOException {
        try (Stream<Path> files = Files.list(run.reportsDir().resolve(AskArchive.DIR))) {
            List<Path> json = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            List<AskRecord> out = new ArrayList<>();
            for (Path p : json.subList(json.size() - k, json.size())) {
                out.add(Json.read(p, AskRecord.class));
            }
            return out;
        }
    }

    private static String pick(SplittableRandom rnd, String[] values) {
        return values[rnd.nextInt(values.length)];
    }

    private static double pct(double[] values, int p) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[Math.min(v.length - 1, (int) Math.ceil(p / 100.0 * v.length) - 1)];
    }

    private static void touch(Path p) throws IOException {
        Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() + 1000));
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        }
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
