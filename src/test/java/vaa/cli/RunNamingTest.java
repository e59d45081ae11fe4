package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vaa.run.Run;
import vaa.run.RunStore;
import vaa.testing.Cli;
import vaa.testing.RunFixtures;

/**
 * Every way of naming a run goes through the run id rules: $LAST_RUN and pointer files hold ids only (a path or
 * garbage is refused or reported, never followed); a RUN argument is an id, or a directory path when it has a '/'.
 */
class RunNamingTest {
    @TempDir
    Path tmp;
    Path ws;
    Path evil;

    @BeforeEach
    void workspaceWithARunAndADirectoryOutsideIt() throws Exception {
        ws = Files.createDirectories(tmp.resolve("ws"));
        evil = Files.createDirectories(tmp.resolve("evil"));
        Run good = RunFixtures.withMetrics(ws, "good", "m", RunFixtures.fortyCalls(30, 25, 10, 1.0));
        new RunStore(ws, Clock.systemDefaultZone(), "test").pointLatest(good);
    }

    @ParameterizedTest
    @ValueSource(strings = {"metrics", "analyze", "report", "runs show", "metrics --json"})
    void lastRunHoldingAPathIsRefusedAndNothingIsWrittenOutsideTheWorkspace(String command) throws Exception {
        Cli.Result r = Cli.in(ws).env(Map.of("LAST_RUN", "../evil")).run(command.split(" "));

        assertThat(r.code()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("LAST_RUN='../evil' is not a run id", "--run-dir");
        try (Stream<Path> files = Files.list(evil)) {
            assertThat(files).as("nothing written in " + evil).isEmpty();
        }
    }

    @Test
    void aPointerFileHoldingGarbageIsReportedAndNotFollowed() throws Exception {
        Files.writeString(ws.resolve(".last_run"), "../evil\n");
        Files.delete(ws.resolve("runs/latest"));

        Cli.Result r = Cli.in(ws).run("runs", "show");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(".last_run holds '../evil', which is not a run id; ignored.").doesNotContain("Using run");
        try (Stream<Path> files = Files.list(evil)) {
            assertThat(files).isEmpty();
        }
        Files.writeString(ws.resolve(".last_run"), "\u001b[31mred\u0007\n");
        assertThat(Cli.in(ws).run("runs", "show").err()).contains("holds '\\u001b[31mred\\u0007', which is not a run id")
                .doesNotContain("\u001b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"runs show {}", "runs compare {} good", "runs compare good {}", "runs export --runs good,{}",
            "runs seal {}", "run --from {}"})
    void aRunArgumentThatIsNeitherAnIdNorAPathIsRefusedAsSuch(String command) {
        for (String bad : new String[] {"a b", ".hidden", "x..y"}) {
            String[] args = Stream.of(command.split(" ")).map(a -> a.replace("{}", bad)).toArray(String[]::new);
            Cli.Result r = Cli.in(ws).run(args);
            assertThat(r.code()).as(command + " with '" + bad + "': " + r.all()).isEqualTo(2);
            assertThat(r.err()).as(command).contains("Run '" + bad + "' is not a run id");
        }
    }

    @Test
    void aRunArgumentWithASlashIsADirectoryAsWithRunDir() {
        assertThat(Cli.in(ws).run("runs", "show", "runs/good").out()).contains("Run good");
        assertThat(Cli.in(ws).run("runs", "show", "latest").out()).contains("Run good");
        assertThat(Cli.in(ws).env(Map.of("LAST_RUN", "good")).run("runs", "show").out()).contains("Run good");
    }
}
