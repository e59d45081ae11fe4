package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.io.Json;
import vaa.testing.Cli;
import vaa.testing.RunFixtures;

class RunsQueryCommandTest {
    static final String BY_RUN = "select run_id, avg(task_completed::int) as completed, count(*) as calls from calls group by 1 order by 1";

    @TempDir
    Path ws;

    /** r1: 3 calls, 1 completed; r2: 4 calls, 1 completed. */
    @BeforeEach
    void twoRuns() {
        RunFixtures.analysed(ws, "r1", "openai:a", RunsExportCommandTest.calls("x", 3));
        RunFixtures.analysed(ws, "r2", "openai:b", RunsExportCommandTest.calls("y", 4));
    }

    @Test
    void aGroupByPrintsATableOfOneRowPerRun() {
        Cli.Result r = Cli.in(ws).run("runs", "query", BY_RUN);
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).isEqualTo("""
                run_id  completed  calls
                ------  ---------  -----
                r1         0.3333      3
                r2           0.25      4
                2 rows
                """);
    }

    @Test
    void jsonIsAnArrayOfRowObjectsWithFullValuesAndNothingElseOnStdout() throws Exception {
        Cli.Result r = Cli.in(ws).run("runs", "query", BY_RUN, "--json");
        assertThat(r.code()).as(r.all()).isZero();
        JsonNode rows = Json.MAPPER.readTree(r.out());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("run_id").asText()).isEqualTo("r1");
        assertThat(rows.get(0).get("completed").asDouble()).isEqualTo(1.0 / 3);
        assertThat(rows.get(1).get("calls").asLong()).isEqualTo(4);
    }

    @Test
    void csvHasAHeaderAndALinePerRowAndTheRunsTableIsThere() {
        Cli.Result r = Cli.in(ws).run("runs", "query", "select run_id, analysed from runs order by 1", "--csv");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).isEqualTo("run_id,analysed\nr1,3\nr2,4\n");

        Cli.Result only = Cli.in(ws).run("runs", "query", "select distinct run_id from calls", "--csv", "--runs", "r2");
        assertThat(only.out()).isEqualTo("run_id\nr2\n");
    }

    @Test
    void aWritingStatementIsRefusedWithExit2AndWritesNothing() throws Exception {
        Cli.Result r = Cli.in(ws).run("runs", "query", "copy calls to 'leak.csv'");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Only one reading statement is accepted");
        assertThat(r.out()).isEmpty();
        try (Stream<Path> files = Files.list(ws)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("leak"));
        }
    }

    @Test
    void usageErrorsExit2() {
        assertThat(Cli.in(ws).run("runs", "query", "select 1", "--json", "--csv").code()).isEqualTo(2);
        assertThat(Cli.in(ws).run("runs", "query").code()).isEqualTo(2);
        Cli.Result bad = Cli.in(ws).run("runs", "query", "select nope from calls");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("nope");
        Path empty = ws.resolve("elsewhere");
        // a misspelt column: DuckDB's own suggestion and pointer, and where the columns are listed
        Cli.Result typo = Cli.in(ws).run("runs", "query", "select outcom from calls");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("Candidate bindings", "\"outcome\"", "LINE 1: select outcom from calls", "^",
                "vaa runs query \"describe calls\"");
        Cli.Result described = Cli.in(ws).run("runs", "query", "describe calls");
        assertThat(described.code()).as(described.all()).isZero();
        assertThat(described.out()).contains("outcome", "task_completed");
        assertThat(empty.toFile().mkdirs()).isTrue();
        Cli.Result none = Cli.in(empty).run("runs", "query", "select 1");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("No runs to query");
    }
}
