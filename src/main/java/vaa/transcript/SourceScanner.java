package vaa.transcript;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import vaa.VaaException;

/**
 * Lists the candidate transcript files under a source root without opening them: regular files ending in
 * {@code .json} or {@code .txt}, except {@code speaker_map.json}, {@code *.state.json}, {@code README*},
 * {@code LICENSE*} and {@code NOTICE*}, hidden files and folders, and anything under a {@code state_experiments/}
 * folder. Symbolic links are followed. One directory walk, using the attributes it reads anyway: no file is
 * stat'ed twice, so scanning costs about what {@code find} does.
 */
public final class SourceScanner {
    private SourceScanner() {}

    /** Scans {@code root}; the result is sorted, so the same tree always gives the same list. */
    public static SourceScan scan(Path root) {
        if (!Files.isDirectory(root)) {
            throw VaaException.usage("source directory not found: " + root);
        }
        Path base = root.toAbsolutePath().normalize();
        List<SourceFile> files = new ArrayList<>();
        List<ReadResult.Unreadable> skipped = new ArrayList<>();
        try {
            Files.walkFileTree(base, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(base)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String name = dir.getFileName().toString();
                    return name.startsWith(".") || name.equals("state_experiments")
                            ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!isCandidate(file.getFileName().toString())) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.isRegularFile()) {
                        files.add(new SourceFile(file, relative(base, file), attrs.size()));
                    } else if (attrs.isSymbolicLink()) {
                        // links are followed, so a link's own attributes only come back when its target is gone
                        skipped.add(new ReadResult.Unreadable(file, "broken symbolic link"));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (!file.getFileName().toString().startsWith(".")) {
                        skipped.add(new ReadResult.Unreadable(file, describe(e)));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw VaaException.failure("cannot scan " + root + ": " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing(SourceFile::relative));
        skipped.sort(Comparator.comparing(u -> u.file().toString()));
        return new SourceScan(base, files, skipped);
    }

    static boolean isCandidate(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (!(name.endsWith(".json") || name.endsWith(".txt"))) {
            return false;
        }
        return !(name.startsWith(".")
                || name.equals(SpeakerMaps.FILE_NAME)
                || name.endsWith(".state.json")
                || name.startsWith("readme")
                || name.startsWith("license")
                || name.startsWith("notice"));
    }

    private static String relative(Path base, Path file) {
        String rel = base.relativize(file).toString();
        return file.getFileSystem().getSeparator().equals("/") ? rel : rel.replace(file.getFileSystem().getSeparator(), "/");
    }

    private static String describe(IOException e) {
        if (e instanceof FileSystemLoopException) {
            return "symbolic link loop";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return "cannot read: " + e.getMessage();
    }
}
