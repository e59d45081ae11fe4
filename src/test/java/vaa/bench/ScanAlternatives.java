package vaa.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import vaa.transcript.SourceScanner;

/**
 * In-process comparison of ways to list a source tree (not a test): the product's {@link SourceScanner#scan}, a
 * name-only walk that stats only entries whose name could be a directory, and {@code find TREE -type f | wc -l}.
 *
 * <pre>java -cp CP vaa.bench.ScanAlternatives TREE [RUNS=5]</pre>
 *
 * Why: {@code find -type f} never stats a file (getdents gives the type), while any Java walk over
 * {@link java.nio.file.Files#walkFileTree} stats every entry — 100,000 statx calls for 100,000 transcripts.
 * The name-only walk lists each directory with a {@link DirectoryStream} (names only) and treats a
 * {@code .json}/{@code .txt} name as a candidate file without a stat; only other names (possible directories) are
 * stat'ed. Sizes, and the odd directory named {@code x.json}, are then a matter for the files actually drawn.
 * Times are medians after one warm-up; the JVM start-up is not included (see bench/startup.sh for that).
 */
public final class ScanAlternatives {
    private ScanAlternatives() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long[] product = new long[runs];
        long[] names = new long[runs];
        long[] find = new long[runs];
        int productCount = SourceScanner.scan(root).files().size();
        int nameCount = nameOnlyWalk(root).size();
        String findCount = find(root);
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            SourceScanner.scan(root);
            product[i] = (System.nanoTime() - t) / 1_000_000;
            t = System.nanoTime();
            nameOnlyWalk(root);
            names[i] = (System.nanoTime() - t) / 1_000_000;
            t = System.nanoTime();
            find(root);
            find[i] = (System.nanoTime() - t) / 1_000_000;
        }
        long f = median(find);
        System.out.printf(Locale.ROOT, "# %s: find counts %s files, SourceScanner %d candidates, name-only walk %d candidates%n",
                root, findCount, productCount, nameCount);
        System.out.printf("%-46s %10s %10s%n", "in-process listing (median of " + runs + ")", "ms", "ratio/find");
        row("find TREE -type f | wc -l (a process)", f, f);
        row("SourceScanner.scan (product, stats every entry)", median(product), f);
        row("name-only walk (stats only non-.json/.txt names)", median(names), f);
        System.out.println("# raw ms: product " + Arrays.toString(product) + " names " + Arrays.toString(names) + " find " + Arrays.toString(find));
    }

    private static void row(String what, long ms, long find) {
        System.out.printf(Locale.ROOT, "%-46s %10d %10.2f%n", what, ms, (double) ms / Math.max(1, find));
    }

    /** Candidate files by name; directories found by stat'ing only names that are not candidate files. */
    static List<Path> nameOnlyWalk(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        List<Path> dirs = new ArrayList<>(List.of(root));
        while (!dirs.isEmpty()) {
            Path dir = dirs.remove(dirs.size() - 1);
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    String name = p.getFileName().toString();
                    if (name.startsWith(".")) {
                        continue;
                    }
                    if (isCandidate(name)) {
                        out.add(p); // no stat: a broken link or a directory named *.json is caught when drawn
                    } else if (!name.equals("state_experiments") && Files.isDirectory(p)) {
                        dirs.add(p);
                    }
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** The same name rules as SourceScanner.isCandidate. */
    static boolean isCandidate(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (!(n.endsWith(".json") || n.endsWith(".txt"))) {
            return false;
        }
        return !(n.equals("speaker_map.json") || n.endsWith(".state.json") || n.startsWith("readme")
                || n.startsWith("license") || n.startsWith("notice"));
    }

    private static String find(Path root) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "find \"$1\" -type f | wc -l", "sh", root.toString()).redirectErrorStream(true).start();
        try (InputStream in = p.getInputStream()) {
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return out;
        }
    }

    private static long median(long[] a) {
        long[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
