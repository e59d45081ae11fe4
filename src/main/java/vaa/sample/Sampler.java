package vaa.sample;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import vaa.VaaException;
import vaa.io.MessageSink;
import vaa.run.Run;
import vaa.run.Stage;
import vaa.run.StageStatus;
import vaa.transcript.Call;
import vaa.transcript.CanonicalJson;
import vaa.transcript.ReadResult;
import vaa.transcript.SourceFile;
import vaa.transcript.SourceScan;
import vaa.transcript.SourceScanner;
import vaa.transcript.TranscriptFormat;
import vaa.transcript.TranscriptReaders;

/**
 * Stage 1: draws N calls uniformly at random (seeded) from a source tree and writes canonical copies,
 * the manifest and the source block of config.json. Only drawn files are opened: the scan lists
 * names and sizes, a seeded permutation picks the order, and files are read until N are usable.
 */
public final class Sampler {
    /** What to sample. {@code seed} null means: generate one and record it. */
    public record Request(Path source, int n, Long seed, List<Where> where, Optional<TranscriptFormat> format) {}

    /** A {@code --where key=value} filter on call metadata; dots reach into nested maps. */
    public record Where(String key, String value) {
        public static Where parse(String spec) {
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw VaaException.usage("--where expects key=value, got '" + spec + "'");
            }
            return new Where(spec.substring(0, eq).strip(), spec.substring(eq + 1).strip());
        }

        boolean matches(Call call) {
            Object v = call.metadata();
            for (String part : key.split("\\.")) {
                if (!(v instanceof Map<?, ?> m)) {
                    return false;
                }
                v = m.get(part);
            }
            return v != null && String.valueOf(v).equalsIgnoreCase(value);
        }
    }

    /** What happened, for the command to print and status.json to keep. */
    public record Result(int requested, int sampled, int totalAvailable, long seed, boolean seedGenerated,
                         Map<String, Integer> formats, List<ReadResult.Unreadable> unreadable, int filteredOut) {}

    private final TranscriptReaders readers;

    public Sampler(TranscriptReaders readers) {
        this.readers = readers;
    }

    /**
     * The checks that need no run: commands call this before creating one, so bad input leaves no empty run behind.
     * The source is a directory tree of transcripts or a single transcript file (a source of one call).
     */
    public static Path checkInput(int n, Path source, Path workspace) {
        if (n <= 0) {
            throw VaaException.usage("-n must be at least 1 (got " + n + ")");
        }
        Path path = workspace.resolve(source).normalize();
        if (!Files.isDirectory(path) && !Files.isRegularFile(path)) {
            throw VaaException.usage("Source not found: " + source + " (use --source DIR, or --source FILE for one transcript)");
        }
        return path;
    }

    public Result sample(Run run, Request req, Path workspace, MessageSink messages) {
        Path source = checkInput(req.n(), req.source(), workspace);
        if (run.status().stage(Stage.SAMPLING).isCompleted() && run.sampledCount() > 0) {
            throw VaaException.usage("Run " + run.id() + " already has a sample of " + count(run.sampledCount(), "call")
                    + ". Start a new run to draw another (vaa sample -n N).");
        }
        SourceScan scan = SourceScanner.scan(source);
        List<SourceFile> files = scan.files();
        if (files.isEmpty()) {
            throw VaaException.usage("No transcripts found in " + req.source()
                    + " (looked for .json and .txt files; see vaa sample --help for the formats)");
        }
        boolean generated = req.seed() == null;
        long seed = generated ? new Random().nextLong() & Long.MAX_VALUE : req.seed();
        if (req.n() > files.size() && req.where().isEmpty()) {
            messages.warn("Asked for " + count(req.n(), "call") + " but " + req.source() + " has " + count(files.size(), "transcript")
                    + (files.size() == 1 ? "; taking it." : "; taking all of them."));
        }

        run.updateStage(Stage.SAMPLING, s -> s.running(run.now()));
        clearPartialSample(run);

        int[] order = permutation(files.size(), seed);
        List<Manifest.Row> rows = new ArrayList<>();
        List<ReadResult.Unreadable> unreadable = new ArrayList<>(scan.skipped());
        Map<String, Integer> formats = new TreeMap<>();
        Set<String> usedNames = new HashSet<>();
        int filteredOut = 0;
        // Drawn files are read (parsed and hashed) and written a batch at a time on a few threads; the
        // batch is as large as what is still missing, and decisions are taken in draw order, so the
        // sample and manifest are exactly what a one-by-one draw would give.
        ExecutorService pool = Executors.newFixedThreadPool(IO_THREADS, r -> {
            Thread t = new Thread(r, "vaa-sample");
            t.setDaemon(true);
            return t;
        });
        try {
            int next = 0;
            while (next < order.length && rows.size() < req.n()) {
                int batch = Math.min(req.n() - rows.size(), order.length - next);
                List<Future<Drawn>> reads = new ArrayList<>();
                for (int k = 0; k < batch; k++) {
                    SourceFile file = files.get(order[next + k]);
                    reads.add(pool.submit(() -> draw(file, req.format())));
                }
                next += batch;
                List<Future<?>> writes = new ArrayList<>();
                for (Future<Drawn> f : reads) {
                    Drawn d = await(f);
                    if (d.result() instanceof ReadResult.Unreadable u) {
                        unreadable.add(new ReadResult.Unreadable(Path.of(d.file().relative()), u.reason()));
                        continue;
                    }
                    ReadResult.Read read = (ReadResult.Read) d.result();
                    if (!req.where().stream().allMatch(w -> w.matches(read.call()))) {
                        filteredOut++;
                        continue;
                    }
                    String name = uniqueName(read.call().id(), usedNames);
                    writes.add(pool.submit(() -> run.writeString(run.sampledDir().resolve(name + ".json"),
                            CanonicalJson.toJson(withId(read.call(), name)))));
                    rows.add(new Manifest.Row(name, d.file().relative(), d.sha256(), d.bytes(), read.format().cliName()));
                    formats.merge(read.format().cliName(), 1, Integer::sum);
                }
                writes.forEach(Sampler::await);
            }
        } finally {
            pool.shutdownNow();
        }
        reportUnreadable(unreadable, messages);
        if (rows.isEmpty()) {
            run.updateStage(Stage.SAMPLING, s -> s.ended(StageStatus.FAILED, run.now(), "no readable transcripts", null));
            throw VaaException.usage("No readable transcripts" + (req.where().isEmpty() ? "" : " matching --where")
                    + " in " + req.source() + " (" + unreadable.size() + " unreadable).");
        }
        if (req.where().isEmpty() && rows.size() < Math.min(req.n(), files.size())) {
            // a sample of 12 where 40 were asked for reads very differently; say so where it is drawn, for sample and run alike
            messages.warn("Asked for " + req.n() + " calls, but only " + rows.size() + " of the " + files.size()
                    + " transcripts in " + req.source() + " could be read (" + unreadable.size() + " unreadable); the sample has "
                    + rows.size() + ".");
        }
        if (rows.size() < req.n() && !req.where().isEmpty()) {
            messages.warn("Only " + count(rows.size(), "call") + (rows.size() == 1 ? " matches" : " match")
                    + " --where; the sample has " + rows.size() + ".");
        }
        warnOversized(rows, messages);
        run.writeString(run.manifest(), Manifest.render(rows));

        Result res = new Result(req.n(), rows.size(), files.size(), seed, generated, formats, unreadable, filteredOut);
        record(run, req, source, workspace, res);
        return res;
    }

    private void record(Run run, Request req, Path source, Path workspace, Result res) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("sample_size", req.n());
        args.put("seed", res.seed());
        args.put("seed_generated", res.seedGenerated());
        args.put("where", req.where().stream().map(w -> w.key() + "=" + w.value()).toList());
        args.put("format", req.format().map(TranscriptFormat::cliName).orElse("auto"));
        Map<String, Object> src = new LinkedHashMap<>();
        src.put("transcripts_dir", source.toString());
        src.put("transcripts_dir_relative", workspace.relativize(source).toString());
        src.put("total_available", res.totalAvailable());
        src.put("sampled_formats", res.formats());
        src.put("unreadable_found", res.unreadable().size());
        run.updateConfig(c -> c.withArgs(args).withSource(src));

        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("requested", res.requested());
        detail.put("total_available", res.totalAvailable());
        detail.put("filtered_out", res.filteredOut());
        detail.put("unreadable", res.unreadable().stream()
                .map(u -> Map.of("file", u.file().toString(), "reason", u.reason())).toList());
        run.updateStage(Stage.SAMPLING, s -> s.completed(run.now(), res.sampled(), detail));
    }

    private static final int IO_THREADS = 4;
    private static final int LISTED_UNREADABLE = 20;

    /** Every skipped file by name with its reason, here so that no caller can leave them out; status.json keeps them all. */
    private static void reportUnreadable(List<ReadResult.Unreadable> unreadable, MessageSink messages) {
        if (unreadable.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder("Skipped " + count(unreadable.size(), "unreadable file") + ":");
        unreadable.stream().limit(LISTED_UNREADABLE).forEach(u -> b.append("\n  ").append(u));
        if (unreadable.size() > LISTED_UNREADABLE) {
            b.append("\n  ... and ").append(unreadable.size() - LISTED_UNREADABLE).append(" more (all in the run's status.json)");
        }
        messages.warn(b.toString());
    }

    /** One drawn file, read and fingerprinted. */
    /**
     * A transcript of more than about 128k tokens (4 bytes a token) cannot be judged by most models: analysis fails such
     * a call before sending it, unless the model's context_window is larger. Said now, by name, rather than after the draw.
     */
    static final long OVERSIZED_BYTES = 4L * vaa.llm.ModelEntry.DEFAULT_CONTEXT_TOKENS;

    private static void warnOversized(List<Manifest.Row> rows, MessageSink messages) {
        List<Manifest.Row> big = rows.stream().filter(r -> r.bytes() > OVERSIZED_BYTES).toList();
        if (big.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder(count(big.size(), "drawn transcript") + " larger than a 128k-token context window"
                + " (about 4 bytes a token); analysis fails " + (big.size() == 1 ? "it" : "them")
                + " before sending unless the model's window is larger (or judges its start and end with --truncate):");
        big.stream().limit(LISTED_UNREADABLE).forEach(r -> b.append("\n  ").append(r.sourcePath())
                .append(String.format(java.util.Locale.ROOT, " (%.1f MB)", r.bytes() / 1e6)));
        messages.warn(b.toString());
    }

    private record Drawn(SourceFile file, ReadResult result, String sha256, long bytes) {}

    private Drawn draw(SourceFile file, Optional<TranscriptFormat> format) {
        ReadResult result = readers.read(file.file(), format);
        if (result instanceof ReadResult.Unreadable) {
            return new Drawn(file, result, null, -1);
        }
        try {
            return new Drawn(file, result, sha256(file.file()), Files.size(file.file()));
        } catch (IOException e) {
            // gone or locked between the read and the fingerprint: that file is skipped like any unreadable one
            return new Drawn(file, new ReadResult.Unreadable(file.file(), "cannot read file: " + e.getMessage()), null, -1);
        }
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaaException(VaaException.INTERRUPTED, "Interrupted while sampling.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw VaaException.failure("Sampling failed: " + e.getCause(), e.getCause());
        }
    }

    /** A sampling that was interrupted left some copies; the redraw is exact, so start clean. */
    private static void clearPartialSample(Run run) {
        try (var files = Files.list(run.sampledDir())) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.delete(p);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // nothing sampled yet
        } catch (IOException e) {
            throw VaaException.failure("Cannot clear partial sample in " + run.sampledDir() + ": " + e.getMessage(), e);
        }
    }

    /** Fisher–Yates with java.util.Random, whose sequence for a seed is fixed by its specification. */
    static int[] permutation(int size, long seed) {
        int[] a = new int[size];
        for (int i = 0; i < size; i++) {
            a[i] = i;
        }
        Random rnd = new Random(seed);
        for (int i = size - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** A call id made safe as a file name, unique within the sample. */
    static String uniqueName(String id, Set<String> used) {
        String base = id.replaceAll("[^A-Za-z0-9._-]", "_");
        if (base.startsWith(".")) {
            base = "_" + base;
        }
        String name = base;
        for (int n = 2; !used.add(name); n++) {
            name = base + "__" + n;
        }
        return name;
    }

    private static Call withId(Call call, String id) {
        return id.equals(call.id()) ? call : new Call(id, call.startedAt(), call.durationS(), call.metadata(), call.utterances());
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "1 call", "2 calls". */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
