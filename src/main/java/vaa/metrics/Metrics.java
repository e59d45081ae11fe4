package vaa.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vaa.VaaException;
import vaa.analysis.AnalysisFiles;
import vaa.analysis.Structural;
import vaa.run.Run;
import vaa.stats.Stats;

/**
 * Stage 3: reports/metrics.json from every analysis of a run. Files are read one at a time and
 * folded into counters and primitive arrays (percentiles need the values), so memory follows the
 * figures, not the number of files. Structural-only and failed analyses are counted apart and
 * never mixed into the judgement figures.
 */
public final class Metrics {
    public static final List<String> OUTCOMES = List.of("resolved", "partially_resolved", "unresolved", "escalated", "abandoned");
    public static final List<String> SENTIMENTS = List.of("negative", "neutral", "positive");
    static final int EXAMPLES = 5;

    private Metrics() {}

    /** Computes the metrics document; {@code by} names a metadata field to break down by (nullable). */
    public static Map<String, Object> compute(Run run, String by) {
        Accumulator all = new Accumulator();
        Map<String, Accumulator> groups = new TreeMap<>();
        int[] failed = {0};
        List<String> unreadableFiles = new ArrayList<>();
        AnalysisFiles.forEach(run, new AnalysisFiles.Visitor() {
            @Override
            public void analysis(Path file, JsonNode doc) {
                all.add(doc);
                if (by != null) {
                    groups.computeIfAbsent(groupKey(doc.path("metadata"), by), k -> new Accumulator()).add(doc);
                }
            }

            @Override
            public void failed(Path file) {
                failed[0]++;
            }

            @Override
            public void unreadable(Path file, IOException e) {
                unreadableFiles.add(file.getFileName().toString());
            }
        });
        if (all.analyses == 0) {
            throw VaaException.usage("Run " + run.id() + " has no analyses" + (failed[0] > 0 ? " (" + failed[0] + " failed)" : "")
                    + ". Run vaa analyze " + run.selector() + " first.");
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema_version", "1.0");
        doc.put("run_id", run.id());
        doc.put("generated_at", run.now());
        Map<String, Object> calls = new LinkedHashMap<>();
        calls.put("sampled", run.sampledCount());
        calls.put("analyses", all.analyses);
        calls.put("with_judgement", all.judged);
        calls.put("structural_only", all.analyses - all.judged);
        calls.put("failed", failed[0]);
        calls.put("unreadable_analyses", unreadableFiles.size());
        if (!unreadableFiles.isEmpty()) {
            calls.put("unreadable_files", unreadableFiles.subList(0, Math.min(20, unreadableFiles.size())));
        }
        doc.put("calls", calls);
        doc.putAll(all.figures(true));
        if (by != null) {
            Map<String, Object> breakdown = new LinkedHashMap<>();
            groups.forEach((k, acc) -> breakdown.put(k, acc.figures(false)));
            doc.put("breakdown", Map.of("field", by, "groups", breakdown));
        }
        return doc;
    }

    private static String groupKey(JsonNode metadata, String by) {
        JsonNode v = metadata;
        for (String part : by.split("\\.")) {
            v = v.path(part);
        }
        return v.isMissingNode() || v.isNull() ? "(none)" : v.isValueNode() ? v.asText() : v.toString();
    }

    /** Running figures over analyses. */
    static final class Accumulator {
        int analyses;
        int judged;
        final Map<String, Integer> outcomes = new LinkedHashMap<>();
        int taskCompleted;
        int escalationRequested;
        final Map<String, Integer> transitions = new LinkedHashMap<>();
        final Map<String, Integer> sentimentStart = new LinkedHashMap<>();
        final Map<String, Integer> sentimentEnd = new LinkedHashMap<>();
        final Categories friction = new Categories();
        final Categories errors = new Categories();
        int frictionQuotes;
        int frictionQuotesVerified;
        final Values latency = new Values();
        final Values callLatencyP50 = new Values();
        final Values talkRatio = new Values();
        final Values interruptions = new Values();
        final Values silence = new Values();
        final Values duration = new Values();
        final Values utterances = new Values();

        void add(JsonNode doc) {
            analyses++;
            JsonNode s = doc.path("structural");
            s.path("agent_response_latencies_s").forEach(v -> latency.add(v.asDouble()));
            addIfNumber(callLatencyP50, s.path("agent_response_latency_p50_s"));
            addIfNumber(talkRatio, s.path("agent_talk_ratio"));
            addIfNumber(interruptions, s.path("interruptions"));
            addIfNumber(silence, s.path("longest_silence_s"));
            addIfNumber(duration, s.path("duration_s"));
            addIfNumber(utterances, s.path("utterances"));
            JsonNode j = doc.path("judgement");
            if (!j.isObject()) {
                return;
            }
            judged++;
            String id = doc.path("call_id").asText();
            outcomes.merge(j.path("outcome").asText("unknown"), 1, Integer::sum);
            if (j.path("task_completed").asBoolean(false)) {
                taskCompleted++;
            }
            if (j.path("escalation_requested").asBoolean(false)) {
                escalationRequested++;
            }
            String from = j.path("sentiment_start").asText("unknown");
            String to = j.path("sentiment_end").asText("unknown");
            sentimentStart.merge(from, 1, Integer::sum);
            sentimentEnd.merge(to, 1, Integer::sum);
            transitions.merge(from + "->" + to, 1, Integer::sum);
            friction.add(j.path("friction_points"), id);
            for (JsonNode f : j.path("friction_points")) {
                frictionQuotes++;
                if (f.path("quote_verified").asBoolean(false)) {
                    frictionQuotesVerified++;
                }
            }
            errors.add(j.path("agent_errors"), id);
        }

        Map<String, Object> figures(boolean full) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (!full) {
                m.put("analyses", analyses);
                m.put("with_judgement", judged);
            }
            List<Map<String, Object>> dist = new ArrayList<>();
            List<String> keys = new ArrayList<>(OUTCOMES);
            outcomes.keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
            for (String o : keys) {
                dist.add(rate("outcome", o, outcomes.getOrDefault(o, 0), judged));
            }
            m.put("outcomes", Map.of("n", judged, "distribution", dist));
            m.put("task_completion", rate(null, null, taskCompleted, judged));
            m.put("escalation_requested", rate(null, null, escalationRequested, judged));
            if (full) {
                Map<String, Object> sentiment = new LinkedHashMap<>();
                sentiment.put("n", judged);
                sentiment.put("start", sentimentStart);
                sentiment.put("end", sentimentEnd);
                List<Map<String, Object>> tr = new ArrayList<>();
                transitions.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).forEach(e -> {
                    String[] ft = e.getKey().split("->", 2);
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("from", ft[0]);
                    t.put("to", ft[1]);
                    t.put("count", e.getValue());
                    tr.add(t);
                });
                sentiment.put("transitions", tr);
                m.put("sentiment", sentiment);
                Map<String, Object> fr = friction.figures(judged);
                fr.put("quotes", frictionQuotes);
                fr.put("quotes_verified", frictionQuotesVerified);
                m.put("friction", fr);
                m.put("agent_errors", errors.figures(judged));
            }
            Map<String, Object> st = new LinkedHashMap<>();
            Map<String, Object> lat = latency.summary();
            lat.put("calls_with_timing", callLatencyP50.size());
            if (full) {
                lat.put("histogram", latency.histogram(0.5, 10));
            }
            st.put("agent_response_latency_s", lat);
            st.put("agent_talk_ratio", talkRatio.summary());
            st.put("interruptions", interruptions.summary());
            st.put("longest_silence_s", silence.summary());
            st.put("duration_s", duration.summary());
            st.put("utterances", utterances.summary());
            m.put("structural", st);
            return m;
        }

        private static void addIfNumber(Values v, JsonNode n) {
            if (n.isNumber()) {
                v.add(n.asDouble());
            }
        }
    }

    static Map<String, Object> rate(String keyName, String key, int k, int n) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (keyName != null) {
            r.put(keyName, key);
        }
        r.put("count", k);
        r.put("n", n);
        r.put("share", n == 0 ? null : round4((double) k / n));
        double[] ci = Stats.wilson(k, n);
        r.put("ci95", ci == null ? null : List.of(round4(ci[0]), round4(ci[1])));
        return r;
    }

    static double round4(double v) {
        return Math.round(v * 10_000.0) / 10_000.0;
    }

    /** Category counts with a few example call ids each, ranked by count. */
    static final class Categories {
        final Map<String, int[]> counts = new LinkedHashMap<>(); // [occurrences, calls]
        final Map<String, List<String>> examples = new LinkedHashMap<>();
        int callsWith;
        int total;

        void add(JsonNode items, String callId) {
            if (!items.isArray() || items.isEmpty()) {
                return;
            }
            callsWith++;
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (JsonNode it : items) {
                String c = it.path("category").asText("other");
                total++;
                int[] cnt = counts.computeIfAbsent(c, x -> new int[2]);
                cnt[0]++;
                if (seen.add(c)) {
                    cnt[1]++;
                    List<String> ex = examples.computeIfAbsent(c, x -> new ArrayList<>());
                    if (ex.size() < EXAMPLES) {
                        ex.add(callId);
                    }
                }
            }
        }

        Map<String, Object> figures(int judged) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("calls_with_any", rate(null, null, callsWith, judged));
            m.put("total", total);
            List<Map<String, Object>> cats = new ArrayList<>();
            counts.entrySet().stream()
                    .sorted((a, b) -> a.getValue()[0] != b.getValue()[0] ? b.getValue()[0] - a.getValue()[0] : a.getKey().compareTo(b.getKey()))
                    .forEach(e -> {
                        Map<String, Object> c = new LinkedHashMap<>();
                        c.put("category", e.getKey());
                        c.put("count", e.getValue()[0]);
                        c.put("calls", e.getValue()[1]);
                        c.put("example_call_ids", examples.get(e.getKey()));
                        cats.add(c);
                    });
            m.put("categories", cats);
            return m;
        }
    }

    /** A growable primitive array: 8 bytes a value, no boxing. */
    static final class Values {
        private double[] a = new double[64];
        private int n;

        void add(double v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int size() {
            return n;
        }

        Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("n", n);
            if (n == 0) {
                m.put("p50", null);
                m.put("p90", null);
                m.put("p95", null);
                m.put("mean", null);
                return m;
            }
            double[] sorted = Arrays.copyOf(a, n);
            Arrays.sort(sorted);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += sorted[i];
            }
            m.put("p50", Stats.percentileSorted(sorted, n, 50));
            m.put("p90", Stats.percentileSorted(sorted, n, 90));
            m.put("p95", Stats.percentileSorted(sorted, n, 95));
            m.put("mean", Stats.round(sum / n));
            m.put("min", sorted[0]);
            m.put("max", sorted[n - 1]);
            return m;
        }

        /** Fixed-width bins from 0; the last bin collects everything at or beyond its start. */
        List<Map<String, Object>> histogram(double width, int bins) {
            int[] counts = new int[bins];
            for (int i = 0; i < n; i++) {
                int b = (int) Math.floor(Math.max(0, a[i]) / width);
                counts[Math.min(bins - 1, b)]++;
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (int b = 0; b < bins; b++) {
                Map<String, Object> bin = new LinkedHashMap<>();
                bin.put("from", b * width);
                bin.put("to", b == bins - 1 ? null : (b + 1) * width);
                bin.put("count", counts[b]);
                out.add(bin);
            }
            return out;
        }
    }
}
