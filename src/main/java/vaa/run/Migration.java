package vaa.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import vaa.VaaException;
import vaa.io.AtomicFiles;

/**
 * {@code vaa runs migrate}: moves the old flat layout of the workspace ({@code sampled/ analyses/
 * reports/}, {@code manifest.csv}, and the response cache {@code cache/llm/}) into a run —
 * {@code runs/legacy/} unless named — then describes what it found in config.json and status.json
 * and points {@code runs/latest} at it. Nothing is ever overwritten: every target is checked
 * before the first move, and a clash stops the migration with nothing moved.
 */
public final class Migration {
    /** The workspace entries of the flat layout, in the order they are moved. */
    static final List<String> ENTRIES = List.of("sampled", "analyses", "reports", Run.MANIFEST, "cache/llm");

    /** One move: a workspace entry, where it goes, how many files it holds and when the newest was written. */
    public record Move(String name, Path from, Path to, int files, Instant oldest, Instant newest) {}

    /**
     * What a migration would do. {@code clashes} name targets that exist already; any clash stops
     * the migration before the first move.
     */
    public record Plan(String runId, Path runDir, boolean runExists, List<Move> moves, List<String> clashes) {
        public boolean nothingToDo() {
            return moves.isEmpty();
        }
    }

    /** A finished migration: the plan it carried out and the run that now holds the files. */
    public record Done(Plan plan, Run run) {}

    private final RunStore store;

    public Migration(RunStore store) {
        this.store = store;
    }

    /** Looks only: the moves and clashes for a migration into {@code targetId} (null: {@code legacy}). Touches nothing. */
    public Plan plan(String targetId) {
        String id = targetId == null || targetId.equals(RunIds.MIGRATED) ? RunIds.MIGRATED : RunIds.requireValid(targetId);
        Path runDir = store.runsDir().resolve(id);
        Optional<Run> existing = store.find(id);
        List<Move> moves = new ArrayList<>();
        for (String name : ENTRIES) {
            Path from = store.workspace().resolve(name);
            boolean dir = Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS);
            if (!dir && !Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            FileStats stats = FileStats.of(from);
            if (stats.files() > 0) {
                moves.add(new Move(dir ? name + "/" : name, from, runDir.resolve(name), stats.files(), stats.oldest(), stats.newest()));
            }
        }
        List<String> clashes = new ArrayList<>();
        if (!moves.isEmpty()) {
            if (existing.isPresent()) {
                existing.get().requireNotSealed();
            } else if (Files.exists(runDir, LinkOption.NOFOLLOW_LINKS)) {
                clashes.add(store.displayPath(runDir) + " exists and is not a run directory");
            }
            for (Move m : moves) {
                if (Files.exists(m.to(), LinkOption.NOFOLLOW_LINKS) && !isEmptyDirectory(m.to())) {
                    clashes.add(store.displayPath(m.to()) + (m.name().endsWith("/") ? "/" : "") + " exists already");
                }
            }
        }
        return new Plan(id, runDir, existing.isPresent(), List.copyOf(moves), List.copyOf(clashes));
    }

    /**
     * Carries the migration out under the workspace's legacy lock and the target run's lock, so no
     * vaa process writes either side meanwhile. Returns empty when there was nothing to move.
     */
    public Optional<Done> migrate(String targetId) {
        if (requireNoClash(plan(targetId)).nothingToDo()) {
            return Optional.empty(); // checked before locking too, so a refused migration leaves not even a lock file
        }
        try (RunLock flat = store.legacy().lock()) {
            Plan plan = requireNoClash(plan(targetId));
            if (plan.nothingToDo()) {
                return Optional.empty();
            }
            Run run = plan.runExists() ? store.find(plan.runId()).orElseThrow()
                    : store.createDir(plan.runId()).orElseThrow(() -> VaaException.usage("Nothing was moved: "
                            + store.displayPath(plan.runDir()) + " appeared meanwhile. Run vaa runs migrate again."));
            try (RunLock lock = run.lock()) {
                run.requireNotSealed();
                List<String> moved = new ArrayList<>();
                for (Move m : plan.moves()) {
                    move(m, moved, plan.runId());
                    moved.add(m.name());
                }
                record(run, plan);
            }
            store.pointLatest(run);
            return Optional.of(new Done(plan, run));
        }
    }

    private static Plan requireNoClash(Plan plan) {
        if (!plan.clashes().isEmpty()) {
            throw VaaException.usage("Nothing was moved: " + String.join("; ", plan.clashes())
                    + ". Files are never overwritten; migrate into another run with --to ID.");
        }
        return plan;
    }

    private void move(Move m, List<String> movedSoFar, String runId) {
        try {
            Files.createDirectories(m.to().getParent());
            if (isEmptyDirectory(m.to())) {
                Files.delete(m.to()); // the empty layout of a new run; nothing is lost
            }
            Files.move(m.from(), m.to());
        } catch (IOException e) {
            throw VaaException.failure("Could not move " + m.name() + " to " + store.displayPath(m.to()) + ": " + e
                    + (movedSoFar.isEmpty() ? "" : " (already moved: " + String.join(", ", movedSoFar)
                    + "; run vaa runs migrate --to " + runId + " again to move the rest)"), e);
        }
    }

    /** config.json and status.json say what the run holds now; a stage counts as completed where its outputs exist. */
    private void record(Run run, Plan plan) {
        Instant oldest = plan.moves().stream().map(Move::oldest).min(Instant::compareTo).orElseThrow();
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("migrated_from", store.workspace().toString());
        source.put("layout", "flat sampled/ analyses/ reports/ (before runs)");
        source.put("migrated_at", run.now());
        source.put("moved", plan.moves().stream().map(m -> Map.of("entry", m.name(), "files", m.files())).toList());
        boolean fresh = !plan.runExists();
        run.updateConfig(c -> {
            RunConfig next = c.withSource(source);
            return fresh ? next.withCreatedAt(Times.format(local(oldest))) : next;
        });
        Map<Stage, Path> evidence = new LinkedHashMap<>();
        evidence.put(Stage.METRICS, run.reportsDir().resolve("metrics.json"));
        evidence.put(Stage.NL_EXTRACTION, run.reportsDir().resolve("nl_fields.json"));
        evidence.put(Stage.INSIGHTS, run.reportsDir().resolve("insights.json"));
        evidence.put(Stage.REPORT, run.reportsDir().resolve("report.md"));
        int failed = run.countFiles(run.analysesDir(), ".error.json", null);
        RunStatus status = run.updateStatus(s -> {
            RunStatus next = s;
            next = mark(next, run, Stage.SAMPLING, run.sampledCount(), run.sampledDir(),
                    Map.of("manifest", Files.isRegularFile(run.manifest())));
            next = mark(next, run, Stage.ANALYSIS, run.analysedCount(), run.analysesDir(), Map.of("failed", failed));
            for (Map.Entry<Stage, Path> e : evidence.entrySet()) {
                Path file = e.getValue();
                if (e.getKey() == Stage.REPORT && !Files.isRegularFile(file)) {
                    file = run.reportsDir().resolve("report.html");
                }
                next = mark(next, run, e.getKey(), Files.isRegularFile(file) ? 1 : 0, file, Map.of());
            }
            return next;
        });
        boolean all = Stream.of(Stage.values()).allMatch(st -> status.stage(st).isCompleted());
        if (all) {
            run.seal(); // a complete run is sealed, however it came to be
        }
    }

    private static RunStatus mark(RunStatus s, Run run, Stage stage, int count, Path output, Map<String, Object> extra) {
        if (count == 0) {
            return s;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("migrated", true);
        detail.putAll(extra);
        String finished = Times.format(local(FileStats.of(output).newest()));
        boolean isFile = Files.isRegularFile(output);
        StageStatus done = new StageStatus(StageStatus.COMPLETED, isFile ? null : count, null, finished, null, detail);
        return s.with(stage, done, run.now());
    }

    private static LocalDateTime local(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneId.systemDefault());
    }

    private static boolean isEmptyDirectory(Path p) {
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw VaaException.failure("Cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** Regular files under a path (itself, if a file), with the oldest and newest modification times. */
    record FileStats(int files, Instant oldest, Instant newest) {
        static FileStats of(Path root) {
            int n = 0;
            Instant oldest = null;
            Instant newest = null;
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || AtomicFiles.isTempFile(p)) {
                        continue;
                    }
                    Instant t = Files.getLastModifiedTime(p).toInstant();
                    oldest = oldest == null || t.isBefore(oldest) ? t : oldest;
                    newest = newest == null || t.isAfter(newest) ? t : newest;
                    n++;
                }
            } catch (IOException e) {
                throw VaaException.failure("Cannot read " + root + ": " + e.getMessage(), e);
            }
            return new FileStats(n, oldest, newest);
        }
    }
}
