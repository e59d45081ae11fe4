package vaa.assist;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import vaa.VaaException;

/** Finding state files: every {@code *.state.json} under the workspace's {@code customer_data/}. */
public final class StateFiles {
    public static final String ROOT = "customer_data";
    static final String SUFFIX = ".state.json";

    private StateFiles() {}

    /**
     * Sorted by their path relative to the workspace, as the menu shows them. Symbolic links are followed, as
     * {@code vaa sample} follows them ({@code customer_data} is often a link to a shared copy); a link back to a
     * folder above is not descended into again.
     */
    public static List<Path> discover(Path workspace) {
        Path root = workspace.resolve(ROOT);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && file.getFileName().toString().endsWith(SUFFIX)) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof FileSystemLoopException || e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // a link loop, or a broken link: no state file there
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw VaaException.failure("Cannot search " + root + " for state files: " + e.getMessage(), e);
        }
        found.sort(Comparator.comparing(p -> display(workspace, p)));
        return List.copyOf(found);
    }

    /** Relative to the workspace with '/' when inside it; absolute otherwise. */
    public static String display(Path workspace, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path ws = workspace.toAbsolutePath().normalize();
        if (abs.startsWith(ws)) {
            return ws.relativize(abs).toString().replace('\\', '/');
        }
        return abs.toString();
    }

    /** A --state argument: relative to the workspace unless absolute; must be a file. */
    public static Path resolve(Path workspace, String given) {
        Path p = Path.of(given);
        Path file = p.isAbsolute() ? p : workspace.resolve(p);
        if (!Files.isRegularFile(file)) {
            throw VaaException.usage("State file not found: " + given
                    + (p.isAbsolute() ? "" : " (relative to " + workspace + ")"));
        }
        return file.normalize();
    }
}
