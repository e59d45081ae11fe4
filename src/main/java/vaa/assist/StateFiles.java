package vaa.assist;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import vaa.VaaException;

/** Finding state files: every {@code *.state.json} under the workspace's {@code customer_data/}, a campaign's, a glob's. */
public final class StateFiles {
    public static final String ROOT = "customer_data";
    static final String SUFFIX = ".state.json";
    private static final String GLOB_CHARS = "*?[{\\";

    private StateFiles() {}

    /**
     * Sorted by their path relative to the workspace, as the menu shows them. Symbolic links are followed, as
     * {@code vaa sample} follows them ({@code customer_data} is often a link to a shared copy); a link back to a
     * folder above is not descended into again.
     */
    public static List<Path> discover(Path workspace) {
        return under(workspace, workspace.resolve(ROOT), p -> true);
    }

    /** The state files of a campaign (the files {@link Campaign#of} places in it), sorted as {@link #discover} does. */
    public static List<Path> inCampaign(Path workspace, Campaign campaign) {
        return under(workspace, campaign.dir(), p -> Campaign.find(p).filter(campaign::equals).isPresent());
    }

    /**
     * The state files a {@code --states} glob matches: relative to the workspace unless absolute, {@code *}
     * within a folder, {@code **} across folders; only {@code *.state.json} files are taken.
     */
    public static List<Path> matching(Path workspace, String glob) {
        String pattern = glob.replace('\\', '/');
        boolean absolute = Path.of(glob).isAbsolute();
        List<String> literal = new ArrayList<>();
        for (String part : pattern.split("/", -1)) {
            if (part.chars().anyMatch(c -> GLOB_CHARS.indexOf(c) >= 0)) {
                break;
            }
            literal.add(part);
        }
        Path ws = workspace.toAbsolutePath().normalize();
        String prefix = String.join("/", literal);
        Path base = absolute ? Path.of(prefix.isEmpty() ? "/" : prefix) : ws.resolve(prefix);
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        } catch (IllegalArgumentException e) {
            throw VaaException.usage("--states " + glob + " is not a valid glob: " + e.getMessage());
        }
        // relative globs are matched against relative paths, so the workspace's own path needs no escaping
        return under(workspace, base, p -> matcher.matches(absolute ? p : ws.relativize(p)));
    }

    /** The files of every glob, each of which must match at least one state file; sorted, without repeats. */
    public static List<Path> matchingAll(Path workspace, List<String> globs) {
        Set<Path> all = new LinkedHashSet<>();
        for (String glob : globs) {
            List<Path> found = matching(workspace, glob);
            if (found.isEmpty()) {
                throw VaaException.usage("--states " + glob + " matches no " + SUFFIX + " file (relative to " + workspace + ")");
            }
            all.addAll(found);
        }
        return all.stream().sorted(Comparator.comparing(p -> display(workspace, p))).toList();
    }

    private static List<Path> under(Path workspace, Path root, Predicate<Path> keep) {
        if (!Files.exists(root)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    Path p = file.toAbsolutePath().normalize();
                    if (attrs.isRegularFile() && p.getFileName().toString().endsWith(SUFFIX) && keep.test(p)) {
                        found.add(p);
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
