package vaa.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import vaa.VaaException;
import vaa.io.AtomicFiles;

/** The workspace's {@code runs/} directory: creating runs atomically, finding and listing them, {@code runs/latest}. */
public final class RunStore {
    public static final String LATEST = "latest";

    private final Path workspace;
    private final Clock clock;
    private final String toolVersion;

    public RunStore(Path workspace, Clock clock, String toolVersion) {
        this.workspace = workspace;
        this.clock = clock;
        this.toolVersion = toolVersion;
    }

    public Path workspace() {
        return workspace;
    }

    public Path runsDir() {
        return workspace.resolve("runs");
    }

    /**
     * Creates a run directory with a generated id. {@code mkdir} is atomic, so when two processes
     * start in the same second one gets {@code run_…_HHMMSS} and the other {@code run_…_HHMMSS_2}.
     */
    public Run createGenerated() {
        return createGenerated(UnaryOperator.identity());
    }

    /** As {@link #createGenerated()}, config.json written as {@code config} makes it (see {@link #tryCreate(String, UnaryOperator)}). */
    public Run createGenerated(UnaryOperator<RunConfig> config) {
        String base = RunIds.generated(LocalDateTime.now(clock));
        for (int n = 1; n < 10_000; n++) {
            String id = n == 1 ? base : base + "_" + n;
            Optional<Run> run = tryCreate(id, config);
            if (run.isPresent()) {
                return run.get();
            }
        }
        throw VaaException.failure("Could not create a unique run directory under " + runsDir());
    }

    /** Creates {@code runs/<id>/}, or empty when it exists already. */
    public Optional<Run> tryCreate(String id) {
        return tryCreate(id, UnaryOperator.identity());
    }

    /**
     * Creates {@code runs/<id>/} with config.json as {@code config} makes it from the initial one: what a run was asked
     * to do is in its first file, written before any other, so a run killed at any later point can be resumed.
     */
    public Optional<Run> tryCreate(String id, UnaryOperator<RunConfig> config) {
        RunIds.requireValid(id);
        return createDir(id, config);
    }

    /** Creates the directory and its layout; the id is already checked (or is the migrated legacy run). */
    Optional<Run> createDir(String id) {
        return createDir(id, UnaryOperator.identity());
    }

    /**
     * The run is made whole in a staging directory — config.json with its arguments, status.json, the layout — and
     * renamed into place in one step: a kill at any point leaves either no run or a run that knows what it was asked.
     * The rename fails when the id is taken (a directory that is not empty), which keeps creation exclusive.
     */
    private Optional<Run> createDir(String id, UnaryOperator<RunConfig> config) {
        Path dir = runsDir().resolve(id);
        if (Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Path staging = runsDir().resolve(STAGING + id + "." + ProcessHandle.current().pid() + "." + STAGED.incrementAndGet());
        try {
            Files.createDirectories(runsDir());
            clearAbandonedStaging();
            Files.createDirectory(staging);
            Run staged = new Run(id, staging, false, clock);
            String now = staged.now();
            staged.writeJson(staging.resolve(Run.CONFIG), config.apply(RunConfig.initial(id, now, toolVersion)));
            staged.writeJson(staging.resolve(Run.STATUS), RunStatus.initial(id, now));
            Files.createDirectories(staged.sampledDir());
            Files.createDirectories(staged.analysesDir());
            Files.createDirectories(staged.reportsDir());
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteTree(staging);
            if (Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty(); // taken meanwhile: rename(2) refuses a directory that is not empty
            }
            throw VaaException.failure("Cannot create run directory " + dir + ": " + e.getMessage(), e);
        }
        return Optional.of(new Run(id, dir, false, clock));
    }

    /** Staging directories are hidden in runs/ (lists skip dot names) and live for milliseconds unless a kill intervened. */
    private static final String STAGING = ".creating.";
    private static final java.util.concurrent.atomic.AtomicLong STAGED = new java.util.concurrent.atomic.AtomicLong();

    /** Staging left by a process killed while creating a run, an hour old or more: nobody is finishing it. */
    private void clearAbandonedStaging() throws IOException {
        long cutoff = System.currentTimeMillis() - 3_600_000L;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(runsDir(), STAGING + "*")) {
            for (Path p : ds) {
                try {
                    if (Files.getLastModifiedTime(p, java.nio.file.LinkOption.NOFOLLOW_LINKS).toMillis() < cutoff) {
                        deleteTree(p);
                    }
                } catch (java.nio.file.NoSuchFileException e) {
                    // another creation finished (or cleared it) meanwhile
                }
            }
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw VaaException.failure("Cannot remove " + root + ": " + e.getMessage(), e);
        }
    }

    public Optional<Run> find(String id) {
        if (!RunIds.isExistingName(id) && !id.equals(LATEST)) {
            return Optional.empty();
        }
        if (id.equals(LATEST)) {
            return latestId().flatMap(this::find);
        }
        Path dir = runsDir().resolve(id);
        return Files.isDirectory(dir) ? Optional.of(new Run(id, dir, false, clock)) : Optional.empty();
    }

    /** Opens an existing directory given by path ({@code --run-dir}); {@code runs/latest} is followed. */
    public Run open(Path dir) {
        Path abs = workspace.resolve(dir).normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw VaaException.usage("Not a run directory: " + dir + " is a file.");
        }
        if (!Files.isDirectory(abs)) {
            throw VaaException.usage("Run directory not found: " + dir);
        }
        try {
            abs = abs.toRealPath();
        } catch (IOException e) {
            throw VaaException.usage("Cannot open run directory " + dir + ": " + e.getMessage());
        }
        if (abs.getFileName() == null || abs.equals(workspace.toAbsolutePath().normalize())) {
            throw VaaException.usage("Not a run directory: " + dir + " (use --legacy for the flat layout in the workspace).");
        }
        String id = abs.getFileName().toString();
        boolean underRuns = abs.getParent() != null && abs.getParent().equals(realRunsDir());
        String shown = displayPath(abs);
        return new Run(id, abs, false, clock, underRuns ? "--run-id " + id
                : "--run-dir " + (shown.matches("[\\w./@%+=:,-]+") ? shown : "'" + shown.replace("'", "'\\''") + "'"));
    }

    private Path realRunsDir() {
        try {
            return Files.isDirectory(runsDir()) ? runsDir().toRealPath() : runsDir();
        } catch (IOException e) {
            return runsDir();
        }
    }

    /**
     * A run named by a RUN argument ({@code runs show/compare/seal}, {@code runs export --runs}, {@code --from}): one
     * with a {@code /} (or {@code .}, {@code ..}) is a directory path, said as plainly as {@code --run-dir}; anything
     * else must be a run id under {@code runs/} ({@code latest} included), checked as every run id is.
     */
    public Run named(String arg) {
        if (arg.contains("/") || arg.equals(".") || arg.equals("..")) {
            return open(Path.of(arg));
        }
        RunIds.requireName(arg, "Run ");
        return find(arg).orElseThrow(() -> VaaException.usage("No run '" + arg + "' in runs/. See: vaa runs list"));
    }

    /** The flat {@code sampled/ analyses/ reports/} layout in the workspace itself. */
    public Run legacy() {
        return new Run("legacy", workspace, true, clock);
    }

    public Optional<String> latestId() {
        Path link = runsDir().resolve(LATEST);
        try {
            if (Files.isSymbolicLink(link)) {
                return Optional.of(Files.readSymbolicLink(link).getFileName().toString());
            }
            if (Files.isRegularFile(link)) {
                return Optional.of(Files.readString(link).strip()).filter(s -> !s.isEmpty());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.empty();
    }

    /** Points {@code runs/latest} at the run: a relative symlink swapped in atomically, or a file holding the id. */
    public void pointLatest(Run run) {
        if (run.isLegacy()) {
            return;
        }
        Path link = runsDir().resolve(LATEST);
        Path temp = runsDir().resolve(".latest." + ProcessHandle.current().pid() + "." + System.nanoTime());
        try {
            try {
                Files.createSymbolicLink(temp, Path.of(run.id()));
            } catch (UnsupportedOperationException | IOException e) {
                AtomicFiles.writeString(link, run.id() + "\n");
                return;
            }
            Files.move(temp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw VaaException.failure("Cannot update runs/latest: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // the temp link is harmless; the real failure, if any, was reported above
            }
        }
    }

    /** Every run directory, newest first (by created_at, then id). */
    public List<RunSummary> list() {
        List<RunSummary> out = new ArrayList<>();
        if (!Files.isDirectory(runsDir())) {
            return out;
        }
        String latest = latestId().orElse(null);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(runsDir())) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.equals(LATEST) || name.startsWith(".") || Files.isSymbolicLink(p) || !Files.isDirectory(p)) {
                    continue;
                }
                Run run = new Run(name, p, false, clock);
                out.add(run.summary(workspace.relativize(p).toString(), name.equals(latest)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing(RunSummary::createdAt).thenComparing(RunSummary::id).reversed());
        return out;
    }

    public RunSummary summarize(Run run) {
        String display = run.isLegacy() ? "." : displayPath(run.dir());
        return run.summary(display, run.id().equals(latestId().orElse(null)));
    }

    public String displayPath(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path ws = workspace.toAbsolutePath().normalize();
        return abs.startsWith(ws) ? ws.relativize(abs).toString() : abs.toString();
    }
}
