package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.compare.RunExport;
import vaa.io.Json;
import vaa.run.Run;
import vaa.testing.Cli;
import vaa.testing.ParquetFiles;
import vaa.testing.RunFixtures.Judged;
import vaa.testing.RunFixtures;

class RunsExportCommandTest {
    static final String HEADER = "run_id,run_created_at,call_id,judgement_status,outcome,task_completed,escalation_requested,"
            + "sentiment_start,sentiment_end,customer_intent,friction_count,friction_categories,agent_error_count,"
            + "agent_error_categories,agent_response_latency_p50_s,agent_response_latency_p95_s,duration_s,agent_talk_ratio,"
            + "interruptions,utterances,model,prompt_name,prompt_version,analysed_at,parent_run,"
            + "prompt_tokens,cached_tokens,completion_tokens,cost_usd";

    @TempDir
    Path ws;

    /** Three runs: 3 calls, 4 calls and a failure, 2 calls — 10 rows. */
    @BeforeEach
    void threeRuns() throws Exception {
        RunFixtures.analysed(ws, "r1", "openai:a", calls("x", 3));
        Run r2 = RunFixtures.analysed(ws, "r2", "openai:b", calls("y", 4));
        Files.writeString(r2.analysesDir().resolve("y9.error.json"), "{\"call_id\":\"y9\",\"error\":\"boom\"}");
        RunFixtures.analysed(ws, "r3", "openai:c", calls("z", 2));
    }

    static List<Judged> calls(String prefix, int n) {
        List<Judged> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Judged(prefix + i, i == 0 ? "resolved" : "unresolved", i == 0, false,
                    i == 0 ? List.of() : List.of("repetition", "long_wait", "repetition"), 1.5));
        }
        return out;
    }

    @Test
    void csvOverAllRunsHasTheColumnsInOrderAndARowPerCall() {
        Cli.Result r = Cli.in(ws).run("runs", "export");
        assertThat(r.code()).as(r.all()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo(HEADER).isEqualTo(String.join(",", RunExport.COLUMNS));
        assertThat(lines).hasSize(1 + 10);
        assertThat(lines.subList(1, 11)).extracting(l -> l.substring(0, l.indexOf(',')))
                .containsExactly("r1", "r1", "r1", "r2", "r2", "r2", "r2", "r2", "r3", "r3");
        String x1 = lines.get(2);
        assertThat(x1).startsWith("r1,20").contains(",x1,ok,unresolved,false,false,neutral,positive,"
                + "\"check balance, then \"\"pay\"\" a bill\",3,repetition;long_wait,0,,1.5,1.5,60.0,0.5,0,8,openai:a,call_analysis,3,");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("r2,").contains(",y9,failed,,,,"));
    }

    @Test
    void modelWrittenTextThatWouldRunAsASpreadsheetFormulaIsNeutralisedButNumbersStayNumbers() throws Exception {
        Path file = ws.resolve("runs/r1/analyses/x1.json");
        var doc = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(file.toFile());
        var judgement = (com.fasterxml.jackson.databind.node.ObjectNode) doc.get("judgement");
        judgement.put("customer_intent", "=HYPERLINK(\"http://evil.example\",\"refund\")").put("sentiment_start", "+1")
                .put("sentiment_end", "\tnegative").put("outcome", "-2+3");
        ((com.fasterxml.jackson.databind.node.ObjectNode) judgement.get("friction_points").get(0)).put("category", "@SUM(A1:A9)");
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("structural")).put("duration_s", -1.5).put("interruptions", -2);
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("provenance")).put("model", "\rcmd");
        Files.writeString(file, doc.toString());

        Cli.Result r = Cli.in(ws).run("runs", "export", "--runs", "r1");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains(",x1,ok,'-2+3,false,false,'+1,'\tnegative,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"refund\"\")\",3,"
                + "'@SUM(A1:A9);long_wait;repetition,0,,1.5,1.5,-1.5,0.5,-2,8,\"'\rcmd\",");

        Cli.Result jsonl = Cli.in(ws).run("runs", "export", "--runs", "r1", "--format", "jsonl");
        JsonNode row = Json.MAPPER.readTree(jsonl.out().lines().filter(l -> l.contains("\"x1\"")).findFirst().orElseThrow());
        assertThat(row.get("customer_intent").asText()).startsWith("=HYPERLINK");
        assertThat(row.get("duration_s").asDouble()).isEqualTo(-1.5);
    }

    @Test
    void namedRunsComeInTheOrderGivenAndJsonlIsTyped() throws Exception {
        Cli.Result r = Cli.in(ws).run("runs", "export", "--runs", "r3,r1", "--format", "jsonl");
        assertThat(r.code()).as(r.all()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(5);
        JsonNode first = Json.MAPPER.readTree(lines.get(0));
        List<String> keys = new ArrayList<>();
        first.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isEqualTo(RunExport.COLUMNS);
        assertThat(first.get("run_id").asText()).isEqualTo("r3");
        assertThat(Json.MAPPER.readTree(lines.get(4)).get("run_id").asText()).isEqualTo("r1");
        JsonNode z1 = Json.MAPPER.readTree(lines.get(1));
        assertThat(z1.get("task_completed").isBoolean()).isTrue();
        assertThat(z1.get("friction_count").asInt()).isEqualTo(3);
        assertThat(z1.get("friction_categories")).hasSize(2);
        assertThat(z1.get("prompt_version").isInt()).isTrue();
    }

    @Test
    void outWritesTheFileWholeAndLeavesNoTempFile() throws Exception {
        Cli.Result r = Cli.in(ws).run("runs", "export", "--out", "exports/all.csv");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).isEqualTo("Exported 10 calls from 3 runs to exports/all.csv\n");
        assertThat(Files.readAllLines(ws.resolve("exports/all.csv"))).hasSize(11);
        try (Stream<Path> files = Files.list(ws.resolve("exports"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("all.csv");
        }
    }

    @Test
    void parquetHasARowPerCallWithTheCsvColumnsTyped() throws Exception {
        Cli.Result r = Cli.in(ws).run("runs", "export", "--format", "parquet", "--out", "exports/calls.parquet");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).isEqualTo("Exported 10 calls from 3 runs to exports/calls.parquet\n");

        ParquetFiles.Table t = ParquetFiles.read(ws.resolve("exports/calls.parquet"));
        assertThat(t.schema().getFields()).extracting(org.apache.parquet.schema.Type::getName).isEqualTo(RunExport.COLUMNS);
        assertThat(t.rows()).extracting(row -> row.get("run_id")).containsExactly("r1", "r1", "r1", "r2", "r2", "r2", "r2", "r2", "r3", "r3");
        assertThat(t.rows().get(1)).containsEntry("call_id", "x1").containsEntry("task_completed", false)
                .containsEntry("friction_categories", List.of("repetition", "long_wait")).containsEntry("agent_response_latency_p50_s", 1.5);
        try (Stream<Path> files = Files.list(ws.resolve("exports"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("calls.parquet");
        }
    }

    @Test
    void badRunsAndFormatsAreUsageErrors() {
        assertThat(Cli.in(ws).run("runs", "export", "--runs", "r1,nope").code()).isEqualTo(2);
        assertThat(Cli.in(ws).run("runs", "export", "--format", "xlsx").code()).isEqualTo(2);
        Cli.Result parquetToStdout = Cli.in(ws).run("runs", "export", "--format", "parquet");
        assertThat(parquetToStdout.code()).isEqualTo(2);
        assertThat(parquetToStdout.err()).contains("--out FILE");
        assertThat(parquetToStdout.out()).isEmpty();
        Path empty = ws.resolve("elsewhere");
        assertThat(empty.toFile().mkdirs()).isTrue();
        Cli.Result none = Cli.in(empty).run("runs", "export");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("No runs to export");
    }
}
