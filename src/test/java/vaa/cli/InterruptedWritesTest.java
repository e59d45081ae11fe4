package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.testing.Cli;
import vaa.testing.OpenAiStub;

/**
 * A kill between writing a temporary file and renaming it: the next command that writes the run uses each complete
 * answer it left (so that call is not paid again) and removes every other leftover.
 */
class InterruptedWritesTest {
    static final String SOURCE = Path.of("customer_data").toAbsolutePath().toString();

    @TempDir
    Path ws;

    @Test
    void completeAnswersLeftAsTemporariesAreUsedAndTheRestRemoved() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(OpenAiStub::variedJudgement)) {
            Cli cli = Cli.in(ws).env(stub.env());
            assertThat(cli.run("sample", "-n", "6", "--seed", "4", "--source", SOURCE, "--run-id", "k").code()).isZero();
            Cli.Result first = cli.run("analyze", "--run-id", "k", "--model", "openai:judge");
            assertThat(first.code()).as(first.all()).isZero();
            assertThat(stub.requests.get()).isEqualTo(6);
            Path run = ws.resolve("runs/k");
            List<String> judged = names(run.resolve("analyses"));

            // every answer and analysis as a kill just before the rename leaves it: complete, under its temporary name
            for (Path dir : List.of(run.resolve("cache/llm"), run.resolve("analyses"))) {
                for (String name : names(dir)) {
                    Files.move(dir.resolve(name), Files.createTempFile(dir, "." + name + ".", ".tmp"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            // and what a kill mid-write leaves: a cut-short answer, a half report, a half status
            Files.writeString(Files.createTempFile(run.resolve("cache/llm"), ".0123abcd.json.", ".tmp"), "{\"key\": \"0123abcd\", \"cont");
            Files.writeString(Files.createTempFile(run.resolve("reports"), ".metrics.json.", ".tmp"), "{\"calls\": {}}");
            Files.writeString(Files.createTempFile(run, ".status.json.", ".tmp"), "{\"run_id\": \"k\", \"stag");

            Cli.Result again = cli.run("analyze", "--run-id", "k", "--model", "openai:judge");

            assertThat(again.code()).as(again.all()).isZero();
            assertThat(again.out()).contains("0 analysed, 0 failed, 6 already done");
            assertThat(stub.requests.get()).as("no call paid for twice").isEqualTo(6);
            assertThat(names(run.resolve("analyses"))).isEqualTo(judged);
            assertThat(temporaries(run)).isEmpty();
            assertThat(run.resolve("reports/metrics.json")).doesNotExist();
        }
    }

    @Test
    void aFailureLeftAsATemporaryIsNotUsedOverTheCallsAnalysis() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(OpenAiStub::variedJudgement)) {
            Cli cli = Cli.in(ws).env(stub.env());
            assertThat(cli.run("sample", "-n", "2", "--seed", "4", "--source", SOURCE, "--run-id", "k").code()).isZero();
            assertThat(cli.run("analyze", "--run-id", "k", "--model", "openai:judge").code()).isZero();
            Path analyses = ws.resolve("runs/k/analyses");
            String id = names(analyses).get(0).replace(".json", "");
            Files.writeString(Files.createTempFile(analyses, "." + id + ".error.json.", ".tmp"),
                    "{\"call_id\": \"" + id + "\", \"error\": \"an older failure\"}");

            assertThat(cli.run("analyze", "--run-id", "k", "--model", "openai:judge").code()).isZero();

            assertThat(analyses.resolve(id + ".error.json")).doesNotExist();
            assertThat(temporaries(ws.resolve("runs/k"))).isEmpty();
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    private static List<Path> temporaries(Path run) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(run)) {
            s.filter(p -> p.getFileName().toString().endsWith(".tmp")).forEach(out::add);
        }
        return out;
    }
}
