package vaa.agree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.VaaException;

class LabelFileTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private void refused(Path file, String... expected) {
        assertThatThrownBy(() -> LabelFile.read(file)).isInstanceOf(VaaException.class)
                .satisfies(e -> assertThat(((VaaException) e).exitCode()).isEqualTo(VaaException.USAGE))
                .hasMessageContainingAll(expected);
    }

    @Test
    void csvWithQuotesExtraColumnsAndReviewersIsReadAndNormalised() throws Exception {
        Path p = file("labels.csv", "\uFEFFCall_ID,notes,field,value,reviewer\r\n"
                + "c1,\"long, with a comma\",outcome,Partially resolved,ann\r\n"
                + "\r\n"
                + "c1,\"said \"\"no\"\"\",task_completed,no,\r\n"
                + "c2,,politeness,high,bob\n");

        List<Label> labels = LabelFile.read(p);

        assertThat(labels).containsExactly(
                new Label("c1", "outcome", "partially_resolved", "ann", "labels.csv line 2"),
                new Label("c1", "task_completed", "false", "labels.csv", "labels.csv line 4"),
                new Label("c2", "politeness", "high", "bob", "labels.csv line 5"));
    }

    @Test
    void jsonLinesTakeBooleansNumbersAndStrings() throws Exception {
        Path p = file("labels.jsonl", "{\"call_id\": \"c1\", \"field\": \"task_completed\", \"value\": true}\n"
                + "{\"call_id\": 7, \"field\": \"sentiment_end\", \"value\": \"Negative\", \"reviewer\": \"qa\"}\n");

        assertThat(LabelFile.read(p)).containsExactly(
                new Label("c1", "task_completed", "true", "labels.jsonl", "labels.jsonl line 1"),
                new Label("7", "sentiment_end", "negative", "qa", "labels.jsonl line 2"));
    }

    @Test
    void theSameAnswerTwiceCountsOnceAndTwoAnswersAreRefusedNamingBothLines() throws Exception {
        assertThat(LabelFile.read(file("same.csv", "call_id,field,value\nc1,outcome,resolved\nc1,outcome,Resolved\n"))).hasSize(1);
        refused(file("two.csv", "call_id,field,value\nc1,outcome,resolved\nc2,outcome,resolved\nc1,outcome,unresolved\n"),
                "two.csv, line 4", "c1 already has outcome = resolved", "line 2");
    }

    @Test
    void anUnreadableFileIsExitTwoNamingTheLine() throws Exception {
        refused(file("value.csv", "call_id,field,value\nc1,outcome,resolved\nc2,outcome,fine\n"),
                "value.csv, line 3", "'fine' is not a value of outcome");
        refused(file("columns.csv", "call_id,field,value\nc1,outcome,resolved\n\nc2,outcome,resolved,extra\n"),
                "columns.csv, line 4", "3 columns expected");
        refused(file("header.csv", "id,label\nc1,yes\n"), "header.csv, line 1", "call_id, field and value");
        refused(file("quote.csv", "call_id,field,value\nc1,outcome,\"resolved\n"), "quote.csv, line 2", "not closed");
        refused(file("empty.csv", "call_id,field,value\nc1,,resolved\n"), "empty.csv, line 2", "must all be given");
        refused(file("broken.jsonl", "{\"call_id\": \"c1\", \"field\": \"outcome\", \"value\": \"resolved\"}\n{\"call_id\": \"c2\",\n"),
                "broken.jsonl, line 2", "not valid JSON");
        refused(file("array.jsonl", "[1, 2]\n"), "array.jsonl, line 1", "not a JSON object");
        refused(file("nothing.csv", "call_id,field,value\n"), "holds no labels");
        refused(dir.resolve("missing.csv"), "missing.csv", "no such file");
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "call_id,field,value\nc\u00e9,outcome,resolved\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        refused(latin1, "not UTF-8");
    }

    @Test
    void sourcesComeFromTheCommandLineElseTheProjectFileElseGroundTruth() throws Exception {
        assertThat(LabelSources.of(dir)).isEqualTo(LabelSources.defaults());

        Files.writeString(dir.resolve("vaa.json"), "{\"labels\": {\"file\": \"human.csv\", \"fields\": {\"task_completed\": \"metadata.order_finished\"}}}");
        LabelSources project = LabelSources.of(dir);
        assertThat(project.file()).isEqualTo(dir.resolve("human.csv"));
        assertThat(project.paths()).isEqualTo(Map.of("task_completed", "metadata.order_finished"));
        assertThat(project.groundTruth()).isFalse();

        LabelSources cli = LabelSources.of(dir, Path.of("other.csv"), List.of("outcome=metadata.qa.outcome"));
        assertThat(cli.file()).isEqualTo(dir.resolve("other.csv"));
        assertThat(cli.paths()).isEqualTo(Map.of("outcome", "metadata.qa.outcome"));
        assertThat(cli.describe()).containsExactly("labels file other.csv", "outcome ← metadata.qa.outcome");
    }

    @Test
    void aMappingThatCannotWorkIsExitTwo() throws Exception {
        assertThatThrownBy(() -> LabelSources.of(dir, null, List.of("politeness=metadata.x"))).hasMessageContaining("not a field the judge answers");
        assertThatThrownBy(() -> LabelSources.of(dir, null, List.of("task_completed=order_finished"))).hasMessageContaining("not a metadata path");
        assertThatThrownBy(() -> LabelSources.of(dir, null, List.of("task_completed"))).hasMessageContaining("FIELD=PATH");
        Files.writeString(dir.resolve("vaa.json"), "{\"labels\": {\"files\": \"x.csv\"}}");
        assertThatThrownBy(() -> LabelSources.of(dir)).hasMessageContaining("unknown: files");
    }
}
