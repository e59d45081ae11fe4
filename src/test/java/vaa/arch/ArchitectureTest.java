package vaa.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules ARCHITECTURE.md states, checked on the sources: packages by role with no import cycles, a core that
 * never reaches the terminal or the CLI, thin commands, and no package holding more than a fifth of the code.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern REF = Pattern.compile("\\b(vaa\\.[a-z]+)\\.[A-Z]");
    private static final Set<String> EDGE = Set.of("vaa", "vaa.cli", "vaa.ui");

    @Test
    void packageImportsFormNoCycle() {
        Map<String, Set<String>> graph = graph();
        List<String> cycle = findCycle(graph);
        assertThat(cycle).as("package import cycle").isEmpty();
    }

    @Test
    void coreNeverImportsTheCliTheTerminalOrPrintsToTheConsole() {
        List<String> offenders = new ArrayList<>();
        sources().forEach((file, text) -> {
            String pkg = packageOf(file);
            if (EDGE.contains(pkg)) {
                return;
            }
            for (String banned : List.of("import vaa.cli.", "import vaa.ui.", "import org.jline.", "import picocli.",
                    "System.out.", "System.err.")) {
                if (text.contains(banned)) {
                    offenders.add(file + ": " + banned);
                }
            }
        });
        assertThat(offenders).isEmpty();
    }

    @Test
    void commandClassesAreAtMostEightyLines() {
        Map<Path, Integer> fat = new TreeMap<>();
        sources().forEach((file, text) -> {
            int lines = text.split("\n", -1).length - (text.endsWith("\n") ? 1 : 0);
            if (packageOf(file).equals("vaa.cli") && file.getFileName().toString().endsWith("Command.java") && lines > 80) {
                fat.put(file, lines);
            }
        });
        assertThat(fat).isEmpty();
    }

    @Test
    void noPackageHoldsMoreThanAFifthOfTheCode() {
        Map<String, Integer> lines = new TreeMap<>();
        int[] total = {0};
        sources().forEach((file, text) -> {
            int n = text.split("\n", -1).length;
            lines.merge(packageOf(file), n, Integer::sum);
            total[0] += n;
        });
        lines.forEach((pkg, n) -> assertThat(n).as(pkg + " holds " + n + " of " + total[0] + " lines").isLessThanOrEqualTo(total[0] / 5));
    }

    private static Map<String, Set<String>> graph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        sources().forEach((file, text) -> {
            String pkg = packageOf(file);
            Set<String> deps = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
            Matcher m = REF.matcher(text.replaceAll("(?m)^package .*$", ""));
            while (m.find()) {
                if (!m.group(1).equals(pkg)) {
                    deps.add(m.group(1));
                }
            }
        });
        return graph;
    }

    private static List<String> findCycle(Map<String, Set<String>> graph) {
        Set<String> done = new HashSet<>();
        for (String start : graph.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> found = dfs(start, graph, path, new HashSet<>(), done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> dfs(String node, Map<String, Set<String>> graph, List<String> path, Set<String> onPath, Set<String> done) {
        if (onPath.contains(node)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        if (!done.add(node)) {
            return List.of();
        }
        path.add(node);
        onPath.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            List<String> found = dfs(next, graph, path, onPath, done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        onPath.remove(node);
        path.remove(path.size() - 1);
        return List.of();
    }

    private static String packageOf(Path file) {
        return MAIN.relativize(file.getParent()).toString().replace('/', '.');
    }

    private static Map<Path, String> sources() {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                try {
                    out.put(f, Files.readString(f));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
