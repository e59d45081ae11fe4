package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vaa.testing.Cli;

/** A completed run refuses every command that would write into it, leaves its files as they were, and can still be read. */
class SealedRunCommandsTest {
    static final String SOURCE = Path.of("customer_data").toAbsolutePath().toString();

    @TempDir
    static Path ws;

    @BeforeAll
    static void aSealedRun() {
        Cli.Result r = Cli.in(ws).run("run", "-n", "4", "--seed", "1", "--source", SOURCE, "--run-id", "done");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("completed and sealed");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sample -n 3 --source {src}",
        "analyze",
        "analyze --retry-failed",
        "metrics",
        "extract",
        "insights",
        "report",
        "run --resume",
        "run -n 3 --source {src}",
    })
    void writingCommandsAreRefused(String command) throws IOException {
        Map<String, String> before = files();
        String[] args = (command.replace("{src}", SOURCE) + " --run-id done").split(" ");
        Cli.Result r = Cli.in(ws).run(args);
        assertThat(r.code()).as(command + ": " + r.all()).isEqualTo(2);
        assertThat(r.err()).as(command).contains("Run done is completed and sealed", "vaa run --from done");
        assertThat(files()).as(command).isEqualTo(before);
    }

    @Test
    void migratingIntoItIsRefusedAndMovesNothing() throws IOException {
        Path flat = ws.resolve("sampled/x.json");
        Files.createDirectories(flat.getParent());
        Files.writeString(flat, "{}");
        try {
            Map<String, String> before = files();
            Cli.Result r = Cli.in(ws).run("runs", "migrate", "--to", "done");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("Run done is completed and sealed");
            assertThat(flat).exists();
            assertThat(files()).isEqualTo(before);
        } finally {
            Files.delete(flat);
            Files.delete(flat.getParent());
        }
    }

    @Test
    void aBreakdownByAFieldIsPrintedFromItsAnalysesAndNothingIsWritten() throws IOException {
        Map<String, String> before = files();
        Cli.Result r = Cli.in(ws).run("metrics", "--run-id", "done", "--by", "source");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("Metrics for run done", "source", "analyses", "resolved", "task completed",
                "is sealed: this breakdown was computed from its analyses and not saved");
        assertThat(r.out().lines().filter(l -> l.startsWith("  harper-valley") || l.startsWith("  taskmaster"))).isNotEmpty();
        assertThat(files()).isEqualTo(before);
        Cli.Result json = Cli.in(ws).run("metrics", "--run-id", "done", "--by", "source", "--json");
        assertThat(json.code()).as(json.all()).isZero();
        assertThat(json.out()).contains("\"breakdown\"", "\"field\" : \"source\"");
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void readingItStillWorks() {
        assertThat(Cli.in(ws).run("runs", "show", "done").code()).isZero();
        assertThat(Cli.in(ws).run("runs", "compare", "done", "done").code()).isZero();
        assertThat(Cli.in(ws).run("runs", "export", "--runs", "done").out().lines()).hasSize(5);
        Cli.Result fork = Cli.in(ws).run("run", "--from", "done", "--run-id", "again", "--stages", "analyze,metrics");
        assertThat(fork.code()).as(fork.all()).isZero();
    }

    /** Every file of the run with its size and modification time (the lock file is the lock's, not the run's). */
    private static Map<String, String> files() throws IOException {
        Map<String, String> out = new TreeMap<>();
        Path dir = ws.resolve("runs/done");
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p) && !p.getFileName().toString().equals(".vaa.lock")) {
                    out.put(dir.relativize(p).toString(), Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
                }
            }
        }
        return out;
    }
}
