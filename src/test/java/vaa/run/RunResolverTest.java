package vaa.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vaa.VaaException;
import vaa.testing.MessageLog;

class RunResolverTest {
    /** The sources in priority order; each names the run it points to. */
    static final List<String> SOURCES = List.of("run-dir", "run-id", "LAST_RUN", "tty-pointer", "global-pointer", "legacy");

    @TempDir
    Path ws;
    RunStore store;
    final MessageLog sink = new MessageLog();

    @BeforeEach
    void runs() {
        store = new RunStore(ws, Clock.systemDefaultZone(), "t");
        for (String s : SOURCES.subList(0, 5)) {
            store.tryCreate(s.replace("-", "_")).orElseThrow();
        }
    }

    static Stream<Arguments> pairs() {
        List<Arguments> out = new ArrayList<>();
        for (int hi = 0; hi < SOURCES.size(); hi++) {
            for (int lo = hi + 1; lo < SOURCES.size(); lo++) {
                out.add(Arguments.of(SOURCES.get(hi), SOURCES.get(lo)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} wins over {1}")
    @MethodSource("pairs")
    void theHigherSourceWinsInEveryPair(String higher, String lower) throws Exception {
        Path runDir = null;
        String runId = null;
        Optional<String> lastRun = Optional.empty();
        for (String source : List.of(higher, lower)) {
            switch (source) {
                case "run-dir" -> runDir = Path.of("runs/run_dir");
                case "run-id" -> runId = "run_id";
                case "LAST_RUN" -> lastRun = Optional.of("LAST_RUN");
                case "tty-pointer" -> Files.writeString(ws.resolve(".last_run.pts-7"), "tty_pointer\n");
                case "global-pointer" -> Files.writeString(ws.resolve(".last_run"), "global_pointer\n");
                default -> { }
            }
        }
        // legacy is what is left when the user picks [l] on the menu
        ScriptedRunPrompter prompter = new ScriptedRunPrompter(RunPrompter.ContinueChoice.CONTINUE, new RunPrompter.Legacy());
        RunResolver resolver = new RunResolver(store, new LastRunPointers(ws, Optional.of("pts-7")), lastRun, true,
                () -> prompter, sink);
        Run run = resolver.resolve(new RunSelection(runDir, runId, false), RunResolver.Mode.EXISTING).run();
        String expected = higher.equals("legacy") ? "legacy" : higher.replace("-", "_");
        assertThat(run.id()).isEqualTo(expected);
    }

    @Test
    void nonInteractiveWithoutAnExplicitRunIsRefusedEvenWhenPointersExist() throws Exception {
        Files.writeString(ws.resolve(".last_run"), "global_pointer\n");
        RunResolver resolver = new RunResolver(store, new LastRunPointers(ws, Optional.empty()), Optional.empty(), false,
                () -> { throw new AssertionError("no menu in non-interactive mode"); }, sink);
        assertThatThrownBy(() -> resolver.resolve(RunSelection.none(), RunResolver.Mode.EXISTING))
                .isInstanceOf(VaaException.class)
                .hasMessageStartingWith("Non-interactive mode requires explicit --run-id or --run-dir\n")
                .satisfies(e -> assertThat(((VaaException) e).exitCode()).isEqualTo(2));
    }

    @Test
    void nonInteractiveReadingFollowsTheGlobalPointerThenLatest() throws Exception {
        store.tryCreate("pointed").orElseThrow();
        Run latest = store.tryCreate("newest").orElseThrow();
        store.pointLatest(latest);
        RunResolver resolver = new RunResolver(store, new LastRunPointers(ws, Optional.empty()), Optional.empty(), false,
                () -> { throw new AssertionError("no menu in non-interactive mode"); }, sink);
        assertThat(resolver.resolve(RunSelection.none(), RunResolver.Mode.READ).run().id()).isEqualTo("newest");
        Files.writeString(ws.resolve(".last_run"), "pointed\n");
        RunResolver.Resolved r = resolver.resolve(RunSelection.none(), RunResolver.Mode.READ);
        assertThat(r.run().id()).isEqualTo("pointed");
        assertThat(r.followed()).isTrue();
        assertThatThrownBy(() -> resolver.requireNamed(r)).hasMessageContaining("add --run-id pointed or set LAST_RUN=pointed");
    }

    @Test
    void nonInteractiveHonoursLastRunEnvironment() {
        RunResolver resolver = new RunResolver(store, new LastRunPointers(ws, Optional.empty()), Optional.of("run_id"), false,
                () -> null, sink);
        assertThat(resolver.resolve(RunSelection.none(), RunResolver.Mode.EXISTING).run().id()).isEqualTo("run_id");
    }

    @Test
    void resumingNeverMakesARunNotEvenFromTheMenu() {
        for (RunPrompter.Selection choice : List.of(new RunPrompter.NewRun(), new RunPrompter.CustomRun("fresh"))) {
            RunResolver resolver = new RunResolver(store, new LastRunPointers(ws, Optional.of("pts-7")), Optional.empty(), true,
                    () -> new ScriptedRunPrompter(RunPrompter.ContinueChoice.CONTINUE, choice), sink);
            assertThatThrownBy(() -> resolver.resolve(RunSelection.none(), RunResolver.Mode.RESUME))
                    .hasMessageContaining("A new run has nothing to resume");
        }
        RunResolver scripted = new RunResolver(store, new LastRunPointers(ws, Optional.empty()), Optional.empty(), false, () -> null, sink);
        assertThatThrownBy(() -> scripted.resolve(new RunSelection(null, "fresh", false), RunResolver.Mode.RESUME))
                .hasMessageContaining("No run fresh in runs/");
        assertThat(store.find("fresh")).isEmpty();
        assertThat(scripted.resolve(new RunSelection(null, "run_id", false), RunResolver.Mode.RESUME).run().id()).isEqualTo("run_id");
    }

    @Test
    void runIdCreatesTheRunWritesThePointerAndLatest() throws Exception {
        RunResolver resolver = new RunResolver(store, new LastRunPointers(ws, Optional.of("pts-3")), Optional.empty(), false,
                () -> null, sink);
        RunResolver.Resolved r = resolver.resolve(new RunSelection(null, "experiment_a", false), RunResolver.Mode.EXISTING);
        assertThat(r.created()).isTrue();
        assertThat(Files.readString(ws.resolve(".last_run.pts-3")).strip()).isEqualTo("experiment_a");
        assertThat(ws.resolve(".last_run")).doesNotExist();
        assertThat(Files.readSymbolicLink(ws.resolve("runs/latest"))).isEqualTo(Path.of("experiment_a"));
        assertThat(sink.lines()).contains("Creating isolated run: runs/experiment_a",
                "(saved to .last_run.pts-3 - tools in this terminal will use it)");
    }

    @Test
    void withoutATerminalThePointerGoesToTheGlobalFile() throws Exception {
        RunResolver resolver = new RunResolver(store, new LastRunPointers(ws, Optional.empty()), Optional.empty(), false,
                () -> null, sink);
        resolver.resolve(RunSelection.none(), RunResolver.Mode.NEW_BY_DEFAULT);
        assertThat(ws.resolve(".last_run")).exists();
    }

    @Test
    void eachTerminalReadsItsOwnPointerFirst() throws Exception {
        Files.writeString(ws.resolve(".last_run.pts-1"), "run_id\n");
        Files.writeString(ws.resolve(".last_run.pts-2"), "tty_pointer\n");
        Files.writeString(ws.resolve(".last_run"), "global_pointer\n");
        assertThat(new LastRunPointers(ws, Optional.of("pts-1")).read()).get()
                .isEqualTo(new LastRunPointers.Pointer(".last_run.pts-1", "run_id"));
        assertThat(new LastRunPointers(ws, Optional.of("pts-2")).read().orElseThrow().runId()).isEqualTo("tty_pointer");
        assertThat(new LastRunPointers(ws, Optional.of("pts-9")).read().orElseThrow().runId()).isEqualTo("global_pointer");
    }

    @Test
    void choosingADifferentRunLeadsToTheSelectionMenu() throws Exception {
        Files.writeString(ws.resolve(".last_run"), "global_pointer\n");
        ScriptedRunPrompter prompter = new ScriptedRunPrompter(RunPrompter.ContinueChoice.CHOOSE_OTHER,
                new RunPrompter.ExistingRun("run_id"));
        RunResolver resolver = new RunResolver(store, new LastRunPointers(ws, Optional.of("pts-1")), Optional.empty(), true,
                () -> prompter, sink);
        assertThat(resolver.resolve(RunSelection.none(), RunResolver.Mode.EXISTING).run().id()).isEqualTo("run_id");
        assertThat(prompter.shown).containsExactly("continue:global_pointer from .last_run", "select:5");
    }

    @Test
    void quittingTheMenuEndsWithExitCode130() {
        ScriptedRunPrompter prompter = new ScriptedRunPrompter(RunPrompter.ContinueChoice.QUIT, new RunPrompter.Quit());
        RunResolver resolver = new RunResolver(store, new LastRunPointers(ws, Optional.empty()), Optional.empty(), true,
                () -> prompter, sink);
        assertThatThrownBy(() -> resolver.resolve(RunSelection.none(), RunResolver.Mode.EXISTING))
                .satisfies(e -> assertThat(((VaaException) e).exitCode()).isEqualTo(130));
    }

    @Test
    void aStalePointerIsReportedAndTheMenuShown() throws Exception {
        Files.writeString(ws.resolve(".last_run"), "deleted_run\n");
        ScriptedRunPrompter prompter = new ScriptedRunPrompter(RunPrompter.ContinueChoice.CONTINUE, new RunPrompter.NewRun());
        RunResolver resolver = new RunResolver(store, new LastRunPointers(ws, Optional.empty()), Optional.empty(), true,
                () -> prompter, sink);
        RunResolver.Resolved r = resolver.resolve(RunSelection.none(), RunResolver.Mode.EXISTING);
        assertThat(r.created()).isTrue();
        assertThat(sink.lines().get(0)).startsWith("[warn] .last_run points to run 'deleted_run'");
    }

    @Test
    void runDirMustExist() {
        RunResolver resolver = new RunResolver(store, new LastRunPointers(ws, Optional.empty()), Optional.empty(), false,
                () -> null, sink);
        assertThatThrownBy(() -> resolver.resolve(new RunSelection(Path.of("runs/nope"), null, false), RunResolver.Mode.EXISTING))
                .hasMessageContaining("Run directory not found: runs/nope");
    }
}
