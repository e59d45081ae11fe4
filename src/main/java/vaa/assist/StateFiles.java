package vaa.assist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import vaa.VaaException;

/** Finding state files: every {@code *.state.json} under the workspace's {@code customer_data/}. */
public final class StateFiles {
    public static final String ROOT = "customer_data";
    static final String SUFFIX = ".state.json";

    private StateFiles() {}

    /** Sorted by their path relative to the workspace, as the menu shows them. */
    public static List<Path> discover(Path workspace) {
        Path root = workspace.resolve(ROOT);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> display(workspace, p)))
                    .toList();
        } catch (IOException e) {
            throw VaaException.failure("Cannot search " + root + " for state files: " + e.getMessage(), e);
        }
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
