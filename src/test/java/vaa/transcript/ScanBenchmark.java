package vaa.transcript;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Times {@link SourceScanner} against {@code find ROOT -type f | wc -l} (names only: find takes the file type
 * from the directory listing, no stat) and {@code find ROOT -type f -printf '%s %p\n' | wc -l} (path and size,
 * what the scan returns: one stat per file, like the scan) on a generated tree of N files laid out like
 * customer_data (firm/campaign/processed_conversations/*.json plus speaker maps and state experiments).
 * Not a test; run by hand after {@code mvn test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt}:
 * <pre>java -cp target/test-classes:target/classes:$(cat target/cp.txt) vaa.transcript.ScanBenchmark 100000</pre>
 * Wall times on a shared machine vary with its load, which is printed; the best of the runs is the least disturbed.
 */
public final class ScanBenchmark {
    private static final int RUNS = 9;

    public static void main(String[] args) throws IOException, InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path root = Files.createTempDirectory("vaa-scan-bench");
        try {
            long t0 = System.nanoTime();
            generate(root, n);
            System.out.printf("generated %d files in %d ms under %s%n", n, (System.nanoTime() - t0) / 1_000_000, root);

            long[] scan = new long[RUNS];
            long[] find = new long[RUNS];
            long[] findSizes = new long[RUNS];
            int found = 0;
            String onDisk = "";
            for (int i = 0; i < RUNS; i++) {
                long s = System.nanoTime();
                found = SourceScanner.scan(root).files().size();
                scan[i] = (System.nanoTime() - s) / 1_000_000;
                s = System.nanoTime();
                onDisk = shell("find \"$1\" -type f | wc -l", root);
                find[i] = (System.nanoTime() - s) / 1_000_000;
                s = System.nanoTime();
                shell("find \"$1\" -type f -printf '%s %p\\n' | wc -l", root);
                findSizes[i] = (System.nanoTime() - s) / 1_000_000;
            }
            long coldScan = scan[0];
            Arrays.sort(scan);
            Arrays.sort(find);
            Arrays.sort(findSizes);
            System.out.printf("files on disk: %s, transcripts found by scan: %d, cores: %d, load average: %s%n",
                    onDisk, found, Runtime.getRuntime().availableProcessors(), loadAverage());
            System.out.printf("scan               ms (sorted): %s  (first run, cold JIT: %d)%n", Arrays.toString(scan), coldScan);
            System.out.printf("find -type f       ms (sorted): %s%n", Arrays.toString(find));
            System.out.printf("find -printf sizes ms (sorted): %s%n", Arrays.toString(findSizes));
            System.out.printf("scan / find -type f: best %.2f, median %.2f%n", ratio(scan, find, 0), ratio(scan, find, RUNS / 2));
            System.out.printf("scan / find -printf: best %.2f, median %.2f%n",
                    ratio(scan, findSizes, 0), ratio(scan, findSizes, RUNS / 2));
        } finally {
            try (Stream<Path> walk = Files.walk(root)) {
                List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
                for (Path p : all) {
                    Files.delete(p);
                }
            }
        }
    }

    private static double ratio(long[] a, long[] b, int i) {
        return (double) a[i] / Math.max(1, b[i]);
    }

    private static void generate(Path root, int n) throws IOException {
        byte[] body = "{\"audio_stem\":\"x\",\"conversation\":{\"utterances\":[]}}".getBytes(StandardCharsets.UTF_8);
        int perCampaign = 1000;
        for (int i = 0; i < n; i++) {
            int campaign = i / perCampaign;
            Path dir = root.resolve("firm" + campaign % 10).resolve("campaign" + campaign).resolve("processed_conversations");
            if (i % perCampaign == 0) {
                Files.createDirectories(dir);
                Files.write(dir.getParent().resolve("speaker_map.json"), "{}".getBytes(StandardCharsets.UTF_8));
                Path states = Files.createDirectories(dir.getParent().resolve("state_experiments"));
                Files.write(states.resolve("conv.state.json"), body);
            }
            Files.write(dir.resolve("conv_" + i + ".json"), body);
        }
    }

    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.exists(loadavg) ? Files.readString(loadavg).split(" ")[0] : "n/a";
    }

    private static String shell(String script, Path root) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", script, "sh", root.toString()).redirectErrorStream(true).start();
        try (InputStream in = p.getInputStream()) {
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return out;
        }
    }
}
