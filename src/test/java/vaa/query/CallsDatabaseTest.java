package vaa.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vaa.VaaException;
import vaa.run.Run;
import vaa.run.RunStore;
import vaa.testing.RunFixtures;
import vaa.testing.RunFixtures.Judged;

/** One database for the class: every test only reads it, and the refused statements are checked to have changed nothing. */
class CallsDatabaseTest {
    @TempDir
    static Path ws;

    static CallsDatabase db;

    /** What a query answered. */
    static final class Answer implements ResultSink {
        List<String> names;
        List<String> types;
        final List<List<Object>> rows = new ArrayList<>();
        boolean ended;

        @Override
        public void columns(List<String> n, List<String> t) {
            names = n;
            types = t;
        }

        @Override
        public void row(List<Object> values) {
            rows.add(values);
        }

        @Override
        public void end() {
            ended = true;
        }
    }

    @BeforeAll
    static void twoRuns() throws Exception {
        RunStore store = new RunStore(ws, Clock.systemDefaultZone(), "test");
        Run a = RunFixtures.analysed(ws, "a", "openai:m1", List.of(
                new Judged("c1", "resolved", true, false, List.of("repetition", "long_wait"), 1.25),
                new Judged("c2", "unresolved", false, true, List.of(), 2.5)));
        Run b = RunFixtures.analysed(ws, "b", "openai:m2", List.of(new Judged("d1", "resolved", true, false, List.of(), 0.75)));
        Files.writeString(b.analysesDir().resolve("d2.error.json"), "{\"call_id\":\"d2\",\"error\":\"boom\"}");
        Files.writeString(ws.resolve("secret.csv"), "key\nsk-not-for-queries\n");
        db = CallsDatabase.open();
        db.load(store, List.of(a, b, a));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    Answer query(String sql) {
        Answer answer = new Answer();
        db.query(sql, answer);
        return answer;
    }

    @Test
    void aGroupByOverEveryRunsCallsAnswersOneRowPerRunWithTypedValues() {
        Answer r = query("select run_id, avg(task_completed::int) as completed, count(*) as calls,"
                + " sum(friction_count) as friction from calls group by 1 order by 1");

        assertThat(r.names).containsExactly("run_id", "completed", "calls", "friction");
        assertThat(r.types).containsExactly("VARCHAR", "DOUBLE", "BIGINT", "HUGEINT");
        // run a named twice is loaded once; d2 failed, so its task_completed is NULL and avg skips it
        assertThat(r.rows).containsExactly(List.of("a", 0.5, 2L, BigInteger.valueOf(2)), List.of("b", 1.0, 2L, BigInteger.ZERO));
        assertThat(r.ended).isTrue();
    }

    @Test
    void listsComeBackAsListsTimestampsAsIsoTextAndStructsAsMaps() {
        Answer r = query("select friction_categories, analysed_at, run_created_at is not null as created,"
                + " {'n': friction_count, 'cats': friction_categories} as s from calls where call_id = 'c1'");

        assertThat(r.rows).hasSize(1);
        List<Object> row = r.rows.get(0);
        assertThat(row.get(0)).isEqualTo(List.of("repetition", "long_wait"));
        assertThat(row.get(1)).isEqualTo("2026-01-21T14:30:00");
        assertThat(row.get(2)).isEqualTo(true);
        assertThat(row.get(3)).isEqualTo(Map.of("n", 2, "cats", List.of("repetition", "long_wait")));
    }

    @Test
    void theRunsTableHasOneRowPerRunWithItsCounts() {
        Answer r = query("select run_id, overall_status, sampled, analysed, latest, parent_run, created_at is not null from runs order by 1");

        assertThat(r.rows).containsExactly(Arrays.asList("a", "in_progress", 2, 2, false, null, true),
                Arrays.asList("b", "in_progress", 1, 1, false, null, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"with x as (select 1 as n) select n from x", "from calls select count(*)", "select 1;",
            "values (1), (2)", "describe calls", "show tables", "summarize calls", "table runs",
            "-- a comment first\nselect call_id from calls", "select * from calls using sample 50%",
            "select run_id, call_id from calls qualify row_number() over (partition by run_id order by call_id) = 1",
            "select unnest(friction_categories) as category, count(*) from calls group by 1",
            "select list_transform(friction_categories, lambda c: upper(c)) from calls", "select * exclude (customer_intent) from calls",
            "select max(columns('agent_.*_s')) from calls", "select count(*) filter (where outcome = 'resolved') from calls",
            "select * from calls c join runs r using (run_id)", "select * from calls order by all limit 2"})
    void readingStatementsInAnyOfDuckDbsFormsAreAccepted(String sql) {
        assertThat(query(sql).ended).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"copy calls to 'leak.csv'", "COPY (select * from calls) TO 'leak.parquet' (FORMAT parquet)",
            "attach 'leak.db' as leak", "install httpfs", "load httpfs", "set enable_external_access = true", "pragma version",
            "call pragma_version()", "create table leak as select 1", "insert into calls (call_id) values ('x')",
            "delete from calls", "update calls set outcome = 'x'", "drop table calls", "export database 'leak'",
            "explain analyze copy calls to 'leak.csv'", "explain select 1", "select 1; copy calls to 'leak.csv'",
            "select 1; select 2", "checkpoint", "detach memory", "pivot calls on outcome using count(*)", "vacuum",
            "create secret s (type s3, key_id 'k', secret 's')", "begin transaction"})
    void anythingButOneReadingStatementIsRefusedAsUsageAndChangesNothing(String sql) throws Exception {
        assertThatThrownBy(() -> query(sql)).isInstanceOf(VaaException.class)
                .satisfies(e -> assertThat(((VaaException) e).exitCode()).isEqualTo(VaaException.USAGE))
                .hasMessageStartingWith("Only one reading statement is accepted");

        assertThat(query("select count(*) from calls").rows).containsExactly(List.of(4L));
        try (Stream<Path> files = Files.list(ws)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("runs", "secret.csv");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"select * from read_csv('secret.csv')", "select * from 'secret.csv'", "select * from read_text('secret.csv')",
            "select * from read_blob('" + "/etc/hostname')", "select * from glob('*')", "select * from read_json('runs/a/config.json')",
            "select * from read_parquet('x.parquet')", "select * from sniff_csv('secret.csv')",
            "select * from query('select * from read_csv(''secret.csv'')')", "select current_setting('enable_external_access') and false"})
    void aReadingStatementReachesNoFile(String sql) {
        // the last one reads a setting, allowed; it must say external access is off
        if (sql.startsWith("select current_setting")) {
            assertThat(query("select current_setting('enable_external_access')").rows).containsExactly(List.of(false));
            return;
        }
        assertThatThrownBy(() -> query(sql)).isInstanceOf(VaaException.class)
                .satisfies(e -> assertThat(((VaaException) e).exitCode()).isEqualTo(VaaException.USAGE))
                .hasMessageStartingWith("The query failed:")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk-not-for-queries"));
    }

    @Test
    void aSyntaxErrorSaysWhereAndAnUnknownColumnIsTheUsersMistakeToo() {
        assertThatThrownBy(() -> query("selec run_id from calls")).isInstanceOf(VaaException.class)
                .hasMessageContaining("syntax error").hasMessageContaining("selec");
        assertThatThrownBy(() -> query("select nope from calls")).isInstanceOf(VaaException.class)
                .satisfies(e -> assertThat(((VaaException) e).exitCode()).isEqualTo(VaaException.USAGE))
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> query("  ")).isInstanceOf(VaaException.class).hasMessageStartingWith("No SQL given");
    }
}
