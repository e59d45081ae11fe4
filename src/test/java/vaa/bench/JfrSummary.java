package vaa.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of a vaa run (not a test): where the CPU samples fall, and what the fsyncs cost.
 *
 * <pre>java -cp CP vaa.bench.JfrSummary RECORDING.jfr [TOP=15]</pre>
 *
 * CPU: execution samples grouped (a) by the top frame's class, (b) by the first frame that is in one of a few
 * known buckets walking up from the top (e.g. "jackson" inside "vaa.llm.ResponseCache" counts for the cache key),
 * so the totals answer "which part of vaa's per-call work costs the CPU". fsync: count, total, p50/p95/max per
 * directory name (cache/llm, analyses, sampled, ...). Record with {@code bench/vaa-profile.jfc} so every fsync and
 * a sample every 2 ms are kept.
 */
public final class JfrSummary {
    private JfrSummary() {}

    /** First matching prefix walking from the top frame down to main names the bucket. */
    private static final String[][] BUCKETS = {
            {"vaa.llm.ResponseCache", "response cache (key: canonical JSON + sha256; entry write)"},
            {"vaa.llm.ChatRequests", "request params building (openai-java builders)"},
            {"vaa.llm.OpenAiCompatibleClient.read", "SSE chunk parsing (openai-java + Jackson)"},
            {"vaa.llm.OpenAiCompatibleClient", "HTTP call (openai-java + OkHttp)"},
            {"vaa.analysis.SchemaValidator", "judgement validation"},
            {"vaa.analysis.Judge.checkQuotes", "quote check"},
            {"vaa.analysis.Judge", "judge (prompt compile, parse)"},
            {"vaa.analysis.Structural", "structural metrics"},
            {"vaa.transcript", "reading the sampled transcript"},
            {"vaa.io.AtomicFiles", "atomic file writes"},
            {"vaa.io.Json", "JSON writing"},
            {"vaa.run.Run", "run files (status/config/writes)"},
            {"vaa.analysis.Analyzer", "analyzer (other)"},
            {"vaa.", "other vaa code"},
            {"okhttp3.", "OkHttp (no vaa frame)"},
            {"okio.", "OkHttp (no vaa frame)"},
            {"com.openai.", "openai-java (no vaa frame)"},
            {"picocli.", "CLI start-up (picocli)"},
    };

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Map<String, Integer> byTopClass = new HashMap<>();
        Map<String, Integer> byBucket = new HashMap<>();
        Map<String, Map<String, Integer>> leavesByBucket = new HashMap<>();
        Map<String, List<Double>> fsyncByDir = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.ExecutionSample")) {
                samples++;
                RecordedStackTrace st = e.getStackTrace();
                if (st == null || st.getFrames().isEmpty()) {
                    continue;
                }
                List<RecordedFrame> frames = st.getFrames();
                RecordedFrame f0 = frames.get(0);
                byTopClass.merge(f0.getMethod().getType().getName(), 1, Integer::sum);
                String bucket = bucket(frames);
                byBucket.merge(bucket, 1, Integer::sum);
                leavesByBucket.computeIfAbsent(bucket, k -> new HashMap<>())
                        .merge(f0.getMethod().getType().getName() + "." + f0.getMethod().getName(), 1, Integer::sum);
            } else if (type.equals("jdk.FileForce")) {
                String path = e.getString("path");
                fsyncByDir.computeIfAbsent(dirKey(path), k -> new ArrayList<>()).add(e.getDuration().toNanos() / 1e6);
            }
        }
        System.out.printf("execution samples: %d%n", samples);
        System.out.println("CPU by part of the work (first known frame from the top):");
        print(byBucket, samples, top);
        System.out.println("CPU by top frame's class:");
        print(byTopClass, samples, top);
        System.out.println("top frames in the three largest parts:");
        byBucket.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())).limit(3)
                .forEach(en -> {
                    System.out.println("  " + en.getKey() + ":");
                    leavesByBucket.get(en.getKey()).entrySet().stream()
                            .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())).limit(6)
                            .forEach(l -> System.out.printf(Locale.ROOT, "    %5d  %s%n", l.getValue(), l.getKey()));
                });
        System.out.println("fsync (FileChannel.force) by directory:");
        System.out.printf("  %-22s %7s %10s %8s %8s %8s%n", "dir", "count", "total ms", "p50 ms", "p95 ms", "max ms");
        fsyncByDir.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(en -> {
            List<Double> d = new ArrayList<>(en.getValue());
            d.sort(null);
            double total = d.stream().mapToDouble(Double::doubleValue).sum();
            System.out.printf(Locale.ROOT, "  %-22s %7d %10.0f %8.1f %8.1f %8.1f%n", en.getKey(), d.size(), total,
                    d.get(d.size() / 2), d.get((int) Math.min(d.size() - 1, Math.round(d.size() * 0.95))), d.get(d.size() - 1));
        });
    }

    private static String bucket(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String m = f.getMethod().getType().getName() + "." + f.getMethod().getName();
            for (String[] b : BUCKETS) {
                if (b[0].startsWith("vaa.") && m.startsWith(b[0])) {
                    return b[0].equals("vaa.") ? b[1] + ": " + m : b[1];
                }
            }
        }
        String m0 = frames.get(0).getMethod().getType().getName();
        for (String[] b : BUCKETS) {
            if (!b[0].startsWith("vaa.") && m0.startsWith(b[0])) {
                return b[1];
            }
        }
        String pkg = m0.contains(".") ? m0.substring(0, m0.lastIndexOf('.')) : m0;
        return "other: " + pkg;
    }

    private static String dirKey(String path) {
        Path p = Path.of(path).getParent();
        if (p == null) {
            return "?";
        }
        Path parent = p.getParent();
        String name = p.getFileName().toString();
        return parent != null && name.equals("llm") ? parent.getFileName() + "/" + name : name;
    }

    private static void print(Map<String, Integer> counts, int total, int top) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())).limit(top)
                .forEach(en -> System.out.printf(Locale.ROOT, "  %5.1f%%  %5d  %s%n", 100.0 * en.getValue() / Math.max(1, total),
                        en.getValue(), en.getKey()));
    }
}
