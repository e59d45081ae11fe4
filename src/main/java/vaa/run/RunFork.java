package vaa.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vaa.VaaException;

/**
 * The start of {@code vaa run --from PARENT}: the new run takes over the parent's sample — its
 * manifest.csv and sampled copies (hard links where the file system allows, copies elsewhere),
 * the arguments that drew it and its source — records {@code parent_run}, and has its sampling
 * stage completed. The parent is only read, so a sealed run can be forked; that is the point.
 */
public final class RunFork {
    /** The arguments that describe how the sample was drawn; every other option belongs to the new run. */
    static final List<String> SAMPLE_ARGS = List.of("sample_size", "seed", "seed_generated", "where", "format");

    /** What the fork took over: the calls, how many were linked rather than copied, whether a manifest came along. */
    public record Result(String parentId, int calls, int linked, int copied, boolean manifest) {}

    private RunFork() {}

    /** Refuses a parent without a finished sample, before any new run is made for the fork. */
    public static List<Path> requireSample(Run parent) {
        if (parent.isLegacy()) {
            throw VaaException.usage("The flat legacy layout cannot be used with --from; move it into a run first: vaa runs migrate");
        }
        StageStatus sampling = parent.status().stage(Stage.SAMPLING);
        List<Path> files = sampledFiles(parent);
        if (!sampling.isCompleted() || files.isEmpty()) {
            throw VaaException.usage("Run " + parent.id() + " has no finished sample to start from (sampling: "
                    + sampling.status() + ", " + files.size() + " sampled). Pick another run (vaa runs list) or sample one.");
        }
        return files;
    }

    public static Result fork(Run parent, Run child) {
        if (parent.dir().equals(child.dir())) {
            throw VaaException.usage("A run cannot be started from itself (--from " + parent.id() + ").");
        }
        List<Path> files = requireSample(parent);
        child.requireNotSealed();
        if (child.status().stage(Stage.SAMPLING).isCompleted()) {
            throw VaaException.usage("Run " + child.id() + " already has a sample; --from starts a new run.");
        }
        RunConfig parentConfig = parent.config();
        child.updateConfig(c -> {
            RunConfig next = c.withParent(parent.id()).withArgs(sampleArgs(parentConfig));
            return parentConfig.source() == null ? next : next.withSource(parentConfig.source());
        });
        child.updateStage(Stage.SAMPLING, s -> s.running(child.now()));
        clearPartialCopy(child);
        int linked = 0;
        for (Path file : files) {
            if (child.importFile(file, child.sampledDir().resolve(file.getFileName().toString()))) {
                linked++;
            }
        }
        boolean manifest = Files.isRegularFile(parent.manifest());
        if (manifest) {
            child.importFile(parent.manifest(), child.manifest());
        }
        Result result = new Result(parent.id(), files.size(), linked, files.size() - linked, manifest);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("reused_from", parent.id());
        detail.put("note", "sample reused from run " + parent.id() + (manifest ? "" : " (which has no manifest.csv)"));
        detail.put("hard_linked", result.linked());
        detail.put("copied", result.copied());
        child.updateStage(Stage.SAMPLING, s -> s.completed(child.now(), result.calls(), detail));
        return result;
    }

    /** A fork whose copying was cut short is finished from its parent, found next to it in {@code runs/}. */
    public static Optional<Run> parentOf(Run child) {
        String parentId = child.config().parentRun();
        if (parentId == null || child.isLegacy()) {
            return Optional.empty();
        }
        Run parent = child.sibling(parentId);
        return Files.isDirectory(parent.dir()) ? Optional.of(parent) : Optional.empty();
    }

    private static Map<String, Object> sampleArgs(RunConfig parent) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> args = parent.args() == null ? Map.of() : parent.args();
        for (String key : SAMPLE_ARGS) {
            if (args.containsKey(key)) {
                out.put(key, args.get(key));
            }
        }
        return out;
    }

    static List<Path> sampledFiles(Run run) {
        return run.jsonFiles(run.sampledDir()).stream().filter(Files::isRegularFile).toList();
    }

    /** Links or copies left by an interrupted fork are removed so the fork starts clean; the parent's files are untouched. */
    private static void clearPartialCopy(Run child) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(child.sampledDir())) {
            for (Path p : ds) {
                Files.delete(p);
            }
            Files.deleteIfExists(child.manifest());
        } catch (NoSuchFileException e) {
            // no sampled/ yet: nothing was copied
        } catch (IOException e) {
            throw VaaException.failure("Cannot clear the partial copy in " + child.sampledDir() + ": " + e.getMessage(), e);
        }
    }
}
