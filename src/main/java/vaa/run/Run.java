package vaa.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import vaa.VaaException;
import vaa.io.AtomicFiles;
import vaa.io.Json;

/**
 * One run directory (or the legacy flat workspace) and the only way to write into it: every write
 * goes through {@link #write}, which is where sealing is enforced.
 */
public final class Run {
    public static final String CONFIG = "config.json";
    public static final String STATUS = "status.json";
    public static final String MANIFEST = "manifest.csv";

    private final String id;
    private final Path dir;
    private final boolean legacy;
    private final Clock clock;
    private final String selector;
    private final Object statusMonitor = new Object();

    Run(String id, Path dir, boolean legacy, Clock clock) {
        this(id, dir, legacy, clock, legacy ? "--legacy" : "--run-id " + id);
    }

    Run(String id, Path dir, boolean legacy, Clock clock, String selector) {
        this.id = id;
        this.dir = dir;
        this.legacy = legacy;
        this.clock = clock;
        this.selector = selector;
    }

    /**
     * How a command line names this run: {@code --run-id ID} for runs under the workspace's runs/, {@code --run-dir
     * PATH} for one elsewhere, {@code --legacy} for the flat layout. Every "next" and "resume" hint uses it, so that
     * following a hint reaches this run and never makes an empty runs/ID.
     */
    public String selector() {
        return selector;
    }

    public String id() {
        return id;
    }

    public Path dir() {
        return dir;
    }

    public boolean isLegacy() {
        return legacy;
    }

    public Path sampledDir() {
        return dir.resolve("sampled");
    }

    public Path analysesDir() {
        return dir.resolve("analyses");
    }

    public Path reportsDir() {
        return dir.resolve("reports");
    }

    public Path manifest() {
        return dir.resolve(MANIFEST);
    }

    /** The file, when this run is sealed and has it: a finished result to read as it is. */
    public Optional<Path> sealedFile(Path file) {
        return isSealed() && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** A text file of a run, read whole; a failure names the file. */
    public static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw VaaException.failure("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Cached model responses; a resumed run reads them instead of paying again. */
    public Path cacheDir() {
        return dir.resolve("cache");
    }

    public String now() {
        return Times.now(clock);
    }

    public RunConfig config() {
        Path file = dir.resolve(CONFIG);
        if (legacy || !Files.isRegularFile(file)) {
            return RunConfig.initial(id, Times.format(modifiedAt()), null);
        }
        return readJson(file, RunConfig.class);
    }

    public RunStatus status() {
        Path file = dir.resolve(STATUS);
        if (legacy || !Files.isRegularFile(file)) {
            return RunStatus.initial(id, now());
        }
        return readJson(file, RunStatus.class);
    }

    /**
     * status.json as a reader should see it: a run or stage marked running while no live process holds the run's
     * lock was killed (SIGKILL, power loss) before it could say so, and is shown as interrupted.
     */
    public RunStatus observedStatus() {
        RunStatus status = status();
        if (legacy || !status.mentionsRunning() || RunLock.isHeld(dir)) {
            return status;
        }
        return status.runningAsInterrupted();
    }

    public boolean isSealed() {
        return !legacy && status().isSealed();
    }

    /** Legacy mode keeps no config (no isolation), as the seed's flat layout had none. */
    public void updateConfig(UnaryOperator<RunConfig> change) {
        if (legacy) {
            return;
        }
        synchronized (statusMonitor) {
            writeJson(dir.resolve(CONFIG), change.apply(config()));
        }
    }

    /** Read-modify-write of status.json; safe across this process's threads (the run lock covers other processes). */
    public RunStatus updateStatus(UnaryOperator<RunStatus> change) {
        if (legacy) {
            return status();
        }
        synchronized (statusMonitor) {
            RunStatus next = change.apply(status());
            writeJson(dir.resolve(STATUS), next);
            return next;
        }
    }

    public void updateStage(Stage stage, UnaryOperator<StageStatus> change) {
        updateStatus(s -> s.with(stage, change.apply(s.stage(stage)), now()));
    }

    /** Marks the pipeline finished; from now on existing files are never rewritten. */
    public void seal() {
        if (isSealed()) {
            return;
        }
        updateStatus(s -> s.withOverall(StageStatus.COMPLETED, now()));
    }

    /**
     * {@code vaa runs seal}: a partial run (every stage ran, some calls failed) accepted as it is, failures included,
     * and sealed from now on. Any other unsealed run is refused (exit 2): it is finished by resuming it, and seals
     * itself when every stage completes. Returns the calls left failed, or empty when it was sealed already.
     */
    public java.util.OptionalInt sealAsIs() {
        if (legacy) {
            throw VaaException.usage("The legacy layout keeps no status to seal; move it into a run first: vaa runs migrate");
        }
        if (isSealed()) {
            return java.util.OptionalInt.empty();
        }
        // checked before the lock too, so that refusing a directory that is no partial run writes nothing into it
        requirePartial(observedStatus());
        try (RunLock lock = lock()) {
            // holding the lock, a stage still marked running was cut short by a kill
            RunStatus st = status().runningAsInterrupted();
            requirePartial(st);
            seal();
            return java.util.OptionalInt.of(st.callsStillFailed());
        }
    }

    private void requirePartial(RunStatus st) {
        if (StageStatus.PARTIAL.equals(st.overallStatus())) {
            return;
        }
        List<String> open = new ArrayList<>();
        for (Stage s : Stage.values()) {
            if (!st.stage(s).isCompleted()) {
                open.add(s.key() + " " + st.stage(s).status());
            }
        }
        throw VaaException.usage("Run " + id + " is " + st.overallStatus() + " (" + String.join(", ", open) + "), so there"
                + " is nothing to seal as it is: finish it with vaa run " + selector + " --resume, and it seals itself"
                + " once every stage has completed. vaa runs seal is for a partial run, whose stages all ran but some"
                + " calls failed.");
    }

    public void writeJson(Path file, Object value) {
        write(file, Json.pretty(value).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@link #writeJson} without the fsync ({@link AtomicFiles#writeUnsynced}): only for a file made again at no cost
     * from something synced before it, should a crash of the machine leave it unusable.
     */
    public void writeJsonUnsynced(Path file, Object value) {
        write(file, Json.pretty(value).getBytes(StandardCharsets.UTF_8), false);
    }

    public void writeString(Path file, String content) {
        write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Atomic write of a file inside this run. A sealed run accepts new files (an ask answer, say)
     * but refuses to rewrite any existing one.
     */
    public void write(Path file, byte[] bytes) {
        write(file, bytes, true);
    }

    private void write(Path file, byte[] bytes, boolean sync) {
        Path target = file.isAbsolute() ? file : dir.resolve(file);
        if (Files.exists(target)) {
            requireNotSealed();
        }
        try {
            if (sync) {
                AtomicFiles.write(target, bytes);
            } else {
                AtomicFiles.writeUnsynced(target, bytes);
            }
        } catch (IOException e) {
            throw VaaException.failure("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Adds a file from elsewhere (a parent run's sampled copy) as a hard link, or as a copy where
     * links are impossible. Never replaces a file. Returns whether it was linked.
     */
    public boolean importFile(Path source, Path file) {
        Path target = file.isAbsolute() ? file : dir.resolve(file);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            requireNotSealed();
            throw VaaException.failure("Cannot add " + target + ": the file exists already and is never replaced.");
        }
        try {
            Files.createDirectories(target.getParent());
            try {
                Files.createLink(target, source);
                return true;
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (UnsupportedOperationException | FileSystemException e) {
                // another file system, or one without hard links: a copy holds the same bytes, only takes more room
            }
            Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
            try {
                Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            return false;
        } catch (IOException e) {
            throw VaaException.failure("Cannot add " + target + " from " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * The one refusal for sealed runs, used by every write path and by commands that would change
     * a run as a whole (resume, migrate into it). It names the way forward: a new run from this one.
     */
    public void requireNotSealed() {
        if (isSealed()) {
            throw new VaaException(VaaException.USAGE, "Run " + id + " is completed and sealed; its results are not"
                    + " overwritten. Start a new run from it instead: vaa run --from " + id
                    + " (same calls; change --model, --prompt-version...) or vaa run -n 50 for a fresh sample.");
        }
    }

    /** Another run in the same {@code runs/} directory (a fork's parent); it may not exist. */
    Run sibling(String otherId) {
        return new Run(otherId, dir.resolveSibling(otherId), false, clock);
    }

    /**
     * Taken by every command that writes into the run. A sealed run refuses it, so such a command
     * stops before doing any work; adding a file to a sealed run (an ask answer) needs no lock.
     * Holding it, the command first settles what a killed writer left half-renamed (see {@link RunTemporaries}).
     */
    public RunLock lock() {
        // checked first so that a refused command changes no byte of a sealed run, not even .vaa.lock
        requireNotSealed();
        RunLock lock = RunLock.acquire(dir, legacy ? "legacy workspace" : id);
        try {
            requireNotSealed();
            RunTemporaries.recover(this);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        return lock;
    }

    /** Cached model responses of the pipeline's stages (analyze, insights, ask). */
    public Path llmCacheDir() {
        return cacheDir().resolve("llm");
    }

    /** The {@code *.json} files of a run subdirectory, sorted by name, without temp files of interrupted writes. */
    public List<Path> jsonFiles(Path subdir) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(subdir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(subdir, "*.json")) {
            for (Path p : ds) {
                if (!AtomicFiles.isTempFile(p)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw VaaException.failure("Cannot list " + subdir + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    /** Counts regular files with the suffix in a run subdirectory, ignoring temp files of interrupted writes. */
    public int countFiles(Path subdir, String suffix, String excludeSuffix) {
        if (!Files.isDirectory(subdir)) {
            return 0;
        }
        // names only: a Path per entry made `runs list` take ~0.5 s per run of 100,000 calls, File.list a third of that
        String[] names = subdir.toFile().list();
        if (names == null) {
            throw new UncheckedIOException(new IOException("cannot list " + subdir));
        }
        int n = 0;
        for (String name : names) {
            if (name.endsWith(suffix) && (excludeSuffix == null || !name.endsWith(excludeSuffix)) && !AtomicFiles.isTempName(name)) {
                n++;
            }
        }
        return n;
    }

    public int sampledCount() {
        return countFiles(sampledDir(), ".json", null);
    }

    public int analysedCount() {
        return countFiles(analysesDir(), ".json", ".error.json");
    }

    public LocalDateTime modifiedAt() {
        try {
            FileTime t = Files.getLastModifiedTime(Files.isRegularFile(dir.resolve(STATUS)) ? dir.resolve(STATUS) : dir);
            return LocalDateTime.ofInstant(t.toInstant(), ZoneId.systemDefault()).withNano(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What lists show; a run whose config or status cannot be read is listed as "unreadable", not fatal to the list. */
    RunSummary summary(String displayPath, boolean latest) {
        String modified = Times.format(modifiedAt());
        String created;
        String overall;
        String model = null;
        String prompt = null;
        try {
            RunConfig cfg = config();
            created = cfg.createdAt() != null ? cfg.createdAt() : modified;
            overall = legacy ? "legacy" : observedStatus().overallStatus();
            // "none (structural only)" is a string where a model is an object
            if (cfg.models() != null && cfg.models().get("analysis") instanceof Map<?, ?> m && m.get("key") != null) {
                model = String.valueOf(m.get("key"));
            }
            if (cfg.prompts() != null && cfg.prompts().get("analysis") instanceof Map<?, ?> p && p.get("name") != null) {
                prompt = p.get("name") + (p.get("version") == null ? "" : " v" + p.get("version"));
            }
        } catch (VaaException e) {
            created = modified;
            overall = "unreadable";
        }
        return new RunSummary(id, displayPath, created, modified, overall, sampledCount(), analysedCount(), latest, model, prompt);
    }

    private static <T> T readJson(Path file, Class<T> type) {
        try {
            return Json.read(file, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var at = e.getLocation();
            throw VaaException.failure("Cannot read " + file + ": not valid JSON (" + e.getOriginalMessage()
                    + (at == null ? "" : ", line " + at.getLineNr() + ", column " + at.getColumnNr()) + ")", e);
        } catch (IOException e) {
            throw VaaException.failure("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
