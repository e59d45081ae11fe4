package vaa.transcript;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import vaa.VaaException;

/**
 * Lists the candidate transcript files under a source root (or the one file given) without opening them:
 * regular files ending in {@code .json} or {@code .txt}, except {@code speaker_map.json}, {@code *.state.json}, {@code README*},
 * {@code LICENSE*} and {@code NOTICE*}, hidden files and folders, and anything under a {@code state_experiments/}
 * folder. Symbolic links are followed (loops are reported, not followed).
 *
 * <p>Each directory is listed by name ({@link DirectoryStream}); only entries whose names cannot be
 * transcripts are stat'ed, to find subdirectories, so a tree of 100,000 transcripts costs a listing,
 * not 100,000 stat calls. Subdirectories are listed in parallel, and the result is sorted, so it is the
 * same whatever the listing order.
 */
public final class SourceScanner {
    private static final Set<FileVisitOption> FOLLOW_LINKS = EnumSet.of(FileVisitOption.FOLLOW_LINKS);

    private SourceScanner() {}

    /**
     * Scans {@code root}; the result is sorted by relative path, so the same tree always gives the same list. A file
     * is a source of one call, whatever its name: the user named it.
     */
    public static SourceScan scan(Path root) {
        Path base = root.toAbsolutePath().normalize();
        if (Files.isRegularFile(base)) {
            return new SourceScan(base, List.of(new SourceFile(base, base.getFileName().toString())), List.of());
        }
        if (!Files.isDirectory(base)) {
            throw VaaException.usage("source not found: " + root);
        }
        Object rootKey;
        try {
            rootKey = Files.readAttributes(base, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            throw VaaException.failure("cannot scan " + root + ": " + e.getMessage(), e);
        }
        Results results = new Results();
        ForkJoinPool pool = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        try {
            pool.invoke(new DirectoryTask(base, "", rootKey == null ? Set.of() : Set.of(rootKey), results));
        } finally {
            pool.shutdown();
        }
        List<SourceFile> files = new ArrayList<>(results.files);
        files.sort(Comparator.comparing(SourceFile::relative));
        List<ReadResult.Unreadable> skipped = new ArrayList<>(results.skipped);
        skipped.sort(Comparator.comparing(u -> u.file().toString()));
        return new SourceScan(base, files, skipped);
    }

    static boolean isCandidate(String name) {
        if (!(endsWithIgnoreCase(name, ".json") || endsWithIgnoreCase(name, ".txt")) || name.startsWith(".")) {
            return false;
        }
        return !(name.equalsIgnoreCase(SpeakerMaps.FILE_NAME)
                || endsWithIgnoreCase(name, ".state.json")
                || startsWithIgnoreCase(name, "readme")
                || startsWithIgnoreCase(name, "license")
                || startsWithIgnoreCase(name, "notice"));
    }

    private static boolean isSkippedDirectory(String name) {
        return name.startsWith(".") || name.equals("state_experiments");
    }

    private static boolean endsWithIgnoreCase(String s, String suffix) {
        return s.regionMatches(true, s.length() - suffix.length(), suffix, 0, suffix.length());
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    private static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return "cannot read: " + e.getMessage();
    }

    private static final class Results {
        final Queue<SourceFile> files = new ConcurrentLinkedQueue<>();
        final Queue<ReadResult.Unreadable> skipped = new ConcurrentLinkedQueue<>();
    }

    /** Lists one directory and forks a task per subdirectory. */
    private static final class DirectoryTask extends RecursiveAction {
        private final Path dir;
        private final String prefix;
        // file keys (device + inode) of this directory and its ancestors: a subdirectory with one of them is a link loop
        private final Set<Object> ancestors;
        private final Results results;

        DirectoryTask(Path dir, String prefix, Set<Object> ancestors, Results results) {
            this.dir = dir;
            this.prefix = prefix;
            this.ancestors = ancestors;
            this.results = results;
        }

        @Override
        protected void compute() {
            List<DirectoryTask> subdirectories = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (isCandidate(name)) {
                        // named like a transcript: listed without a stat call; a broken link or a directory
                        // with such a name is reported when a sample draws it
                        results.files.add(new SourceFile(entry, prefix + name));
                    } else if (!name.startsWith(".")) {
                        directoryKey(entry).flatMap(key -> subdirectory(entry, name, key)).ifPresent(subdirectories::add);
                    }
                }
            } catch (IOException e) {
                results.skipped.add(new ReadResult.Unreadable(dir, describe(e)));
            }
            invokeAll(subdirectories);
        }

        /** Only names that cannot be transcripts are stat'ed: to know whether to descend into them. */
        private Optional<Object> directoryKey(Path entry) {
            try {
                BasicFileAttributes attrs = Files.readAttributes(entry, BasicFileAttributes.class);
                return attrs.isDirectory() ? Optional.of(attrs.fileKey() == null ? entry.toString() : attrs.fileKey()) : Optional.empty();
            } catch (java.nio.file.NoSuchFileException e) {
                return Optional.empty(); // a broken link that is not a transcript: nothing to report
            } catch (IOException e) {
                results.skipped.add(new ReadResult.Unreadable(entry, describe(e)));
                return Optional.empty();
            }
        }

        private Optional<DirectoryTask> subdirectory(Path entry, String name, Object key) {
            if (isSkippedDirectory(name)) {
                return Optional.empty();
            }
            if (key != null && ancestors.contains(key)) {
                results.skipped.add(new ReadResult.Unreadable(entry, "symbolic link loop"));
                return Optional.empty();
            }
            Set<Object> chain = ancestors;
            if (key != null) {
                chain = new HashSet<>(ancestors);
                chain.add(key);
            }
            return Optional.of(new DirectoryTask(entry, prefix + name + "/", chain, results));
        }
    }
}
