package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.io.Json;
import vaa.testing.Cli;
import vaa.testing.RunFixtures;

class AgreeCommandTest {
    @TempDir
    Path ws;

    /** c00..c39: the judge says task completed for c00..c29 and resolved for the same calls. */
    private void run() {
        RunFixtures.analysed(ws, "r", "m", RunFixtures.fortyCalls(30, 30, 10, 1.0));
    }

    /**
     * Labels agreeing with the judge on 30 of 40 calls: true for c00..c19, false for c20..c39 (the judge says
     * true for c20..c29); plus a label for a call the run does not hold and one for a field vaa does not judge.
     */
    private Path labels() throws Exception {
        StringBuilder csv = new StringBuilder("call_id,field,value\n");
        for (int i = 0; i < 40; i++) {
            csv.append(String.format("c%02d,task_completed,%s%n", i, i < 20 ? "yes" : "no"));
        }
        csv.append("zz-gone,task_completed,yes\n").append("c01,politeness,high\n");
        Path file = ws.resolve("labels.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void jsonGivesEveryFieldWithNAccuracyKappaIntervalAndConfusion() throws Exception {
        run();
        labels();
        Cli.Result r = Cli.in(ws).run("agree", "--run-id", "r", "--labels", "labels.csv", "--json");

        assertThat(r.code()).as(r.all()).isZero();
        JsonNode doc = Json.MAPPER.readTree(r.out());
        JsonNode t = doc.at("/fields/task_completed");
        assertThat(t.path("measured").asBoolean()).isTrue();
        assertThat(t.path("n").asInt()).isEqualTo(40);
        assertThat(t.path("accuracy").asDouble()).isEqualTo(0.75);
        assertThat(t.path("kappa").asDouble()).isEqualTo(0.5);
        assertThat(t.path("kappa_interval").toString()).isEqualTo("[0.268,0.732]");
        assertThat(t.at("/confusion/false/true").asInt()).isEqualTo(10);
        assertThat(t.at("/confusion/true/true").asInt()).isEqualTo(20);
        assertThat(t.path("disagreements")).hasSize(10);
        assertThat(t.at("/disagreements/0/call_id").asText()).isEqualTo("c20");
        assertThat(t.at("/disagreements/0/label").asText()).isEqualTo("false");
        assertThat(t.at("/disagreements/0/judge").asText()).isEqualTo("true");
        assertThat(t.at("/disagreements/0/reason").asText()).isEqualTo("s");
        // fields without labels are there, and say they were not measured
        JsonNode outcome = doc.at("/fields/outcome");
        assertThat(outcome.path("measured").asBoolean()).isFalse();
        assertThat(outcome.path("n").asInt()).isZero();
        assertThat(outcome.path("kappa").isNull()).isTrue();
        assertThat(doc.path("fields")).hasSize(7);
        assertThat(doc.at("/labels/total").asInt()).isEqualTo(42);
        assertThat(doc.at("/labels/compared").asInt()).isEqualTo(40);
        assertThat(doc.at("/labels/not_in_run/labels").asInt()).isEqualTo(1);
        assertThat(doc.at("/labels/not_in_run/calls/0").asText()).isEqualTo("zz-gone");
        assertThat(doc.at("/labels/unknown_fields/politeness").asInt()).isEqualTo(1);
        assertThat(doc.at("/method/kappa").asText()).contains("Fleiss, Cohen & Everitt");
    }

    @Test
    void theTextShowsFiguresMatrixDisagreementsAndWhatWasNotCompared() throws Exception {
        run();
        labels();
        Cli.Result r = Cli.in(ws).run("agree", "--run-id", "r", "--labels", "labels.csv", "--limit", "3", "--no-color");

        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("42 labels read, 40 compared with a judgement, on 40 of the run's 40 calls.")
                .contains("task_completed (yes/no)  n 40  accuracy 75.0% [59.8–85.8]  kappa 0.50 [0.27–0.73]")
                .containsPattern("false\\s+10\\s+10")
                .contains("10 disagreements:", "c20  label false, judge true (labels.csv)", "… and 7 more")
                .contains("1 label(s) for 1 call(s) this run does not hold, not compared: zz-gone")
                .contains("fields the judge does not answer, not compared: politeness (1)")
                .contains("Not measured (no labels): outcome, escalation_requested, sentiment_start, sentiment_end, friction, agent_error");
    }

    @Test
    void severalReviewersGetTheirOwnFiguresAndTheirAgreementWithEachOther() throws Exception {
        run();
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            // the judge says resolved for all ten; ann says unresolved for c08, c09, bob for c06..c09
            jsonl.append(String.format("{\"call_id\":\"c%02d\",\"field\":\"outcome\",\"value\":\"%s\",\"reviewer\":\"ann\"}%n", i, i < 8 ? "resolved" : "unresolved"));
            jsonl.append(String.format("{\"call_id\":\"c%02d\",\"field\":\"outcome\",\"value\":\"%s\",\"reviewer\":\"bob\"}%n", i, i < 6 ? "resolved" : "unresolved"));
        }
        Files.writeString(ws.resolve("two.jsonl"), jsonl);
        Cli.Result r = Cli.in(ws).run("agree", "--run-id", "r", "--labels", "two.jsonl", "--json");

        assertThat(r.code()).as(r.all()).isZero();
        JsonNode o = Json.MAPPER.readTree(r.out()).at("/fields/outcome");
        assertThat(o.path("n").asInt()).isEqualTo(20);
        assertThat(o.path("accuracy").asDouble()).isEqualTo(0.7);
        assertThat(o.at("/reviewers/ann/accuracy").asDouble()).isEqualTo(0.8);
        assertThat(o.at("/reviewers/bob/accuracy").asDouble()).isEqualTo(0.6);
        // the judge answered resolved every time: kappa is pinned at 0, and the figures say why
        assertThat(o.at("/reviewers/ann/kappa").asDouble()).isEqualTo(0.0);
        assertThat(o.at("/reviewers/ann/note").asText()).contains("single answer (resolved)");
        // ann vs bob: 8 of 10 agree; po 0.8, pe 0.8·0.6 + 0.2·0.4 = 0.56, kappa 0.24/0.44
        JsonNode pair = o.at("/inter_reviewer/0");
        assertThat(pair.path("a").asText()).isEqualTo("ann");
        assertThat(pair.path("b").asText()).isEqualTo("bob");
        assertThat(pair.path("n").asInt()).isEqualTo(10);
        assertThat(pair.path("accuracy").asDouble()).isEqualTo(0.8);
        assertThat(pair.path("kappa").asDouble()).isEqualTo(0.545);
        assertThat(pair.at("/confusion/resolved/unresolved").asInt()).isEqualTo(2);
    }

    @Test
    void labelsInTheTranscriptsMetadataAreReadByDefaultOrByMapping() throws Exception {
        run();
        for (int i = 0; i < 40; i++) {
            Path file = ws.resolve(String.format("runs/r/analyses/c%02d.json", i));
            ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(file.toFile());
            ObjectNode meta = (ObjectNode) doc.get("metadata");
            if (i % 2 == 0) {
                meta.putObject("ground_truth").put("task_completed", true);
            }
            meta.put("closed", i < 10 ? "yes" : "no");
            Files.writeString(file, Json.pretty(doc));
        }

        JsonNode byDefault = Json.MAPPER.readTree(Cli.in(ws).run("agree", "--run-id", "r", "--json").out());
        // 20 even calls labelled true; the judge says true for c00..c29, i.e. 15 of them
        assertThat(byDefault.at("/fields/task_completed/n").asInt()).isEqualTo(20);
        assertThat(byDefault.at("/fields/task_completed/agreements").asInt()).isEqualTo(15);
        assertThat(byDefault.at("/labels/sources/0").asText()).contains("metadata.ground_truth");

        Cli.Result mapped = Cli.in(ws).run("agree", "--run-id", "r", "--label-field", "task_completed=metadata.closed", "--json");
        JsonNode m = Json.MAPPER.readTree(mapped.out());
        // closed: yes for c00..c09; the judge: true for c00..c29 → agree on c00..c09 and c30..c39
        assertThat(m.at("/fields/task_completed/n").asInt()).isEqualTo(40);
        assertThat(m.at("/fields/task_completed/accuracy").asDouble()).isEqualTo(0.5);
        assertThat(m.at("/fields/task_completed/disagreements/0/reviewer").asText()).isEqualTo("metadata");

        Files.writeString(ws.resolve("vaa.json"), "{\"labels\": {\"fields\": {\"task_completed\": \"metadata.closed\"}}}");
        JsonNode project = Json.MAPPER.readTree(Cli.in(ws).run("agree", "--run-id", "r", "--json").out());
        assertThat(project.at("/fields/task_completed/accuracy").asDouble()).isEqualTo(0.5);
    }

    @Test
    void aLabelsFileThatCannotBeReadIsExitTwoWithTheLine() throws Exception {
        run();
        Files.writeString(ws.resolve("bad.csv"), "call_id,field,value\nc00,outcome,resolved\nc01,outcome,done\n");
        Cli.Result r = Cli.in(ws).run("agree", "--run-id", "r", "--labels", "bad.csv");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("bad.csv, line 3", "'done' is not a value of outcome");
    }

    @Test
    void noLabelsAnywhereIsExitTwoSayingWhereItLooked() {
        run();
        Cli.Result r = Cli.in(ws).run("agree", "--run-id", "r");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("No labels for run r", "metadata.ground_truth", "--labels FILE", "--label-field");
    }

    @Test
    void helpListsTheLabelSources() {
        Cli.Result r = Cli.in(ws).run("agree", "--help");
        assertThat(r.out()).contains("--labels=FILE", "--label-field=FIELD=PATH", "metadata.ground_truth", "kappa");
        assertThat(List.of(Cli.in(ws).run("--help").out())).anySatisfy(o -> assertThat(o).contains("agree"));
    }
}
