package vaa.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a deterministic tree of canonical vaa transcripts for the benchmarks (not a test).
 *
 * <pre>java -cp CP vaa.bench.GenerateTranscripts OUT_DIR [FILES=100000] [SEED=1]</pre>
 *
 * Layout: {@code firm<f>/campaign<c>/<yyyy-mm>/call_<n>.json}, 10 firms, about 1,000 files per campaign split over
 * 12 month folders (so ~1,200 directories for 100,000 files), plus a {@code README.md} per campaign, which the
 * scanner must skip. Each file is a small canonical transcript: id, started_at, duration_s, a metadata block and
 * 2–24 agent/customer utterances with timestamps, 0.5–4.5 KB (average 2.2 KB), pretty-printed like vaa
 * writes them. The same arguments always give byte-identical files.
 */
public final class GenerateTranscripts {
    private static final String[] WORDS = ("hello thanks calling account balance card payment transfer please confirm your "
            + "name date birth address order coffee latte oat milk large small pickup store minutes help today sure "
            + "one moment checking system shows the last statement fee refund dispute charge yesterday week month "
            + "can could would like need want agent customer number digits security question verified great okay "
            + "sorry about that wait hold line transfer manager supervisor problem issue resolved anything else bye")
            .split(" ");
    private static final String[] TASKS = {"check balance", "report lost card", "dispute charge", "order coffee",
            "update address", "reset pin", "schedule payment", "close account"};
    static final int PER_CAMPAIGN = 1000;

    private GenerateTranscripts() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: GenerateTranscripts OUT_DIR [FILES=100000] [SEED=1]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1L;
        long t0 = System.nanoTime();
        long bytes = generate(out, files, seed);
        System.out.printf(Locale.ROOT, "generated %d transcripts (%.1f MB, avg %d B) under %s in %.1f s%n",
                files, bytes / 1e6, bytes / Math.max(1, files), out, (System.nanoTime() - t0) / 1e9);
    }

    /** Writes {@code files} transcripts under {@code out}; returns the bytes written. */
    public static long generate(Path out, int files, long seed) throws IOException {
        long bytes = 0;
        for (int i = 0; i < files; i++) {
            int campaign = i / PER_CAMPAIGN;
            Path campaignDir = out.resolve("firm" + campaign % 10).resolve("campaign" + campaign);
            String month = String.format(Locale.ROOT, "2025-%02d", 1 + (i % 12));
            Path dir = campaignDir.resolve(month);
            if (i % PER_CAMPAIGN < 12) {
                Files.createDirectories(dir);
                if (i % PER_CAMPAIGN == 0) {
                    Files.writeString(campaignDir.resolve("README.md"), "Generated benchmark campaign " + campaign + "\n");
                }
            }
            byte[] body = transcript(i, seed).getBytes(StandardCharsets.UTF_8);
            Files.write(dir.resolve(String.format(Locale.ROOT, "call_%07d.json", i)), body);
            bytes += body.length;
        }
        return bytes;
    }

    /** One canonical transcript, a pure function of (index, seed). */
    static String transcript(int index, long seed) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + index);
        int turns = 2 + r.nextInt(23);
        String id = String.format(Locale.ROOT, "bench-%07d", index);
        StringBuilder b = new StringBuilder(2048);
        double t = 0.5 + r.nextDouble() * 3;
        StringBuilder utterances = new StringBuilder();
        for (int u = 0; u < turns; u++) {
            boolean agent = u % 2 == 0;
            double len = 1 + r.nextDouble() * 6;
            String text = sentence(r, 3 + r.nextInt(agent ? 18 : 10));
            utterances.append(u == 0 ? "" : ", ").append("{\n    \"speaker\" : \"").append(agent ? "agent" : "customer")
                    .append("\",\n    \"text\" : \"").append(text)
                    .append(String.format(Locale.ROOT, "\",\n    \"start\" : %.3f,\n    \"end\" : %.3f\n  }", t, t + len));
            t += len + r.nextDouble() * 1.5;
        }
        b.append("{\n  \"id\" : \"").append(id).append("\",\n");
        b.append(String.format(Locale.ROOT, "  \"started_at\" : \"2025-%02d-%02dT%02d:%02d:00Z\",\n",
                1 + index % 12, 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60)));
        b.append(String.format(Locale.ROOT, "  \"duration_s\" : %.3f,\n", t));
        b.append("  \"metadata\" : {\n    \"source\" : \"bench\",\n    \"campaign\" : \"campaign")
                .append(index / PER_CAMPAIGN).append("\",\n    \"task_type\" : \"").append(TASKS[r.nextInt(TASKS.length)])
                .append("\",\n    \"agent_name\" : \"agent").append(r.nextInt(50)).append("\"\n  },\n");
        b.append("  \"utterances\" : [ ").append(utterances).append(" ]\n}\n");
        return b.toString();
    }

    private static String sentence(SplittableRandom r, int words) {
        StringBuilder s = new StringBuilder();
        for (int w = 0; w < words; w++) {
            s.append(w == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
        }
        return s.toString();
    }
}
