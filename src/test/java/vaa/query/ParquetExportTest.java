package vaa.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.VaaException;
import vaa.compare.RunExport;
import vaa.io.Json;
import vaa.run.Run;
import vaa.run.RunStore;
import vaa.testing.ParquetFiles;
import vaa.testing.RunFixtures;
import vaa.testing.RunFixtures.Judged;

/** The Parquet export, read back by parquet-java (an independent reader: DuckDB writes the file). */
class ParquetExportTest {
    @TempDir
    Path ws;

    RunStore store;
    Run a;
    Run b;

    @BeforeEach
    void twoRuns() throws Exception {
        store = new RunStore(ws, Clock.systemDefaultZone(), "test");
        a = RunFixtures.analysed(ws, "a", "openai:m1", List.of(
                new Judged("c1", "resolved", true, false, List.of("repetition", "long_wait", "repetition"), 1.25),
                new Judged("c2", "unresolved", false, true, List.of(), 2.5)));
        b = RunFixtures.analysed(ws, "b", "openai:m2", List.of(new Judged("d1", "resolved", true, false, List.of(), 0.75)));
        Files.writeString(b.analysesDir().resolve("d2.error.json"), "{\"call_id\":\"d2\",\"error\":\"boom\"}");
    }

    @Test
    void everyColumnOfTheCsvIsThereInOrderWithItsParquetTypeAndNullableInEveryFile() throws Exception {
        Path file = ws.resolve("out/calls.parquet");
        RunExport.Summary s = ParquetExport.writeFile(store, List.of(a, b), file);
        assertThat(s).isEqualTo(new RunExport.Summary(2, 4));

        ParquetFiles.Table t = ParquetFiles.read(file);
        assertThat(t.schema().getFields()).extracting(Type::getName).containsExactlyElementsOf(RunExport.COLUMNS);
        // no column is REQUIRED, even those without a NULL in this data: the schema never depends on the data
        assertThat(t.schema().getFields()).allSatisfy(f -> assertThat(f.getRepetition()).as(f.getName()).isEqualTo(Type.Repetition.OPTIONAL));
        for (RunExport.Column c : RunExport.TABLE) {
            Type f = t.schema().getType(c.name());
            LogicalTypeAnnotation logical = f.getLogicalTypeAnnotation();
            switch (c.type()) {
                case TEXT -> assertThat(logical).as(c.name()).isEqualTo(LogicalTypeAnnotation.stringType());
                case BOOLEAN -> assertThat(f.asPrimitiveType().getPrimitiveTypeName()).as(c.name()).isEqualTo(PrimitiveTypeName.BOOLEAN);
                case INTEGER -> assertThat(logical).as(c.name()).isEqualTo(LogicalTypeAnnotation.intType(32, true));
                case DOUBLE -> assertThat(f.asPrimitiveType().getPrimitiveTypeName()).as(c.name()).isEqualTo(PrimitiveTypeName.DOUBLE);
                case TIMESTAMP -> assertThat(logical).as(c.name())
                        .isEqualTo(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS));
                case TEXT_LIST -> assertThat(logical).as(c.name()).isEqualTo(LogicalTypeAnnotation.listType());
            }
        }
    }

    @Test
    void rowsHoldTypedValuesInRunThenCallOrderWithAFailedCallAsARowOfNulls() throws Exception {
        Path file = ws.resolve("calls.parquet");
        ParquetExport.writeFile(store, List.of(a, b), file);

        List<Map<String, Object>> rows = ParquetFiles.read(file).rows();
        assertThat(rows).extracting(r -> r.get("run_id") + "/" + r.get("call_id")).containsExactly("a/c1", "a/c2", "b/d1", "b/d2");
        Map<String, Object> c1 = rows.get(0);
        assertThat(c1.get("run_created_at")).isEqualTo(LocalDateTime.parse(a.config().createdAt()));
        assertThat(c1).containsEntry("judgement_status", "ok").containsEntry("outcome", "resolved")
                .containsEntry("task_completed", true).containsEntry("escalation_requested", false)
                .containsEntry("customer_intent", "check balance, then \"pay\" a bill")
                .containsEntry("friction_count", 3).containsEntry("friction_categories", List.of("repetition", "long_wait"))
                .containsEntry("agent_error_count", 0).containsEntry("agent_error_categories", List.of())
                .containsEntry("agent_response_latency_p50_s", 1.25).containsEntry("duration_s", 60.0)
                .containsEntry("agent_talk_ratio", 0.5).containsEntry("interruptions", 0).containsEntry("utterances", 8)
                .containsEntry("model", "openai:m1").containsEntry("prompt_name", "call_analysis").containsEntry("prompt_version", 3)
                .containsEntry("analysed_at", LocalDateTime.of(2026, 1, 21, 14, 30, 0)).containsEntry("parent_run", null);
        assertThat(rows.get(1)).containsEntry("task_completed", false).containsEntry("escalation_requested", true)
                .containsEntry("friction_count", 0).containsEntry("friction_categories", List.of());
        Map<String, Object> failed = rows.get(3);
        assertThat(failed).containsEntry("judgement_status", "failed").containsEntry("outcome", null)
                .containsEntry("task_completed", null).containsEntry("friction_categories", null).containsEntry("analysed_at", null);
    }

    @Test
    void aValueOfTheWrongJsonTypeIsUnknownRatherThanAFailedExport() throws Exception {
        Path analysis = a.analysesDir().resolve("c1.json");
        ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(analysis.toFile());
        ((ObjectNode) doc.get("judgement")).put("task_completed", "yes");
        ((ObjectNode) doc.get("structural")).put("utterances", 8.5).put("duration_s", "long");
        doc.put("analysed_at", "yesterday");
        Files.writeString(analysis, doc.toString());

        Path file = ws.resolve("calls.parquet");
        ParquetExport.writeFile(store, List.of(a), file);

        Map<String, Object> c1 = ParquetFiles.read(file).rows().get(0);
        assertThat(c1).containsEntry("task_completed", null).containsEntry("utterances", null).containsEntry("duration_s", null)
                .containsEntry("analysed_at", null).containsEntry("outcome", "resolved");
    }

    @Test
    void aFailedExportLeavesThePreviousFileAndNoTempFile() throws Exception {
        Path file = ws.resolve("calls.parquet");
        ParquetExport.writeFile(store, List.of(a), file);
        byte[] before = Files.readAllBytes(file);
        Files.writeString(b.dir().resolve("config.json"), "{ not json");

        assertThatThrownBy(() -> ParquetExport.writeFile(store, List.of(a, b), file)).isInstanceOf(VaaException.class)
                .hasMessageContaining("config.json");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (Stream<Path> files = Files.list(ws)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void anUnwritableTargetIsAFailureNamingTheFile() throws Exception {
        Path dirInTheWay = ws.resolve("calls.parquet");
        Files.createDirectories(dirInTheWay.resolve("x"));

        assertThatThrownBy(() -> ParquetExport.writeFile(store, List.of(a), dirInTheWay))
                .isInstanceOf(VaaException.class).hasMessageContaining("calls.parquet")
                .satisfies(e -> assertThat(((VaaException) e).exitCode()).isEqualTo(VaaException.FAILURE));
    }
}
