package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.testing.Cli;
import vaa.testing.OpenAiStub;

/** Issue 15 item 10: a transcript larger than the model's context window is named at sampling and never sent. */
class OversizedCallTest {
    @TempDir
    Path ws;

    @Test
    void aTranscriptOverTheContextWindowIsNamedWhenDrawnAndFailedWithoutBeingSent() throws Exception {
        Path source = Files.createDirectories(ws.resolve("calls"));
        Files.writeString(source.resolve("small.json"), call("small", "I would like a coffee."));
        Files.writeString(source.resolve("huge.json"), call("huge", "word ".repeat(140_000)));
        try (OpenAiStub stub = new OpenAiStub(OpenAiStub::variedJudgement)) {
            Cli.Result r = Cli.in(ws).env(stub.env()).run("run", "-n", "2", "--seed", "1", "--source", source.toString(),
                    "--model", "openai:m", "--run-id", "big");

            assertThat(r.err()).contains("1 drawn transcript larger than a 128k-token context window", "huge.json (0.7 MB)");
            assertThat(stub.requests.get()).as("only the small call was sent").isEqualTo(1);
            assertThat(Files.readString(ws.resolve("runs/big/analyses/huge.error.json")))
                    .contains("too large for the model", "over its context window of 128,000", "not sent");
        }
    }

    @Test
    void withTruncateTheOversizedCallIsJudgedOnItsStartAndEndAndTheRunRemembersTheFlag() throws Exception {
        Path source = Files.createDirectories(ws.resolve("calls"));
        StringBuilder many = new StringBuilder("{\"id\": \"huge\", \"utterances\": [");
        for (int i = 0; i < 6_000; i++) {
            many.append(i == 0 ? "" : ",").append("{\"speaker\": \"").append(i % 2 == 0 ? "agent" : "customer")
                    .append("\", \"text\": \"utterance ").append(i).append(' ').append("blah ".repeat(20)).append("\"}");
        }
        Files.writeString(source.resolve("huge.json"), many.append("]}"));
        Files.writeString(source.resolve("small.json"), call("small", "I would like a coffee."));
        try (OpenAiStub stub = new OpenAiStub(OpenAiStub::variedJudgement)) {
            Cli.Result r = Cli.in(ws).env(stub.env()).run("run", "-n", "2", "--seed", "1", "--source", source.toString(),
                    "--model", "openai:m", "--run-id", "cut", "--truncate", "--stages", "sample,analyze");

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(stub.requests.get()).as("both calls were sent").isEqualTo(2);
            assertThat(r.err()).contains("1 call was judged on a cut transcript (--truncate)");
            var doc = vaa.io.Json.MAPPER.readTree(ws.resolve("runs/cut/analyses/huge.json").toFile());
            assertThat(doc.path("judgement_status").asText()).isEqualTo("ok");
            var cut = doc.path("provenance").path("truncated");
            assertThat(cut.path("utterances").asInt()).isEqualTo(6_000);
            assertThat(cut.path("utterances_omitted").asInt()).isPositive();
            assertThat(cut.path("context_window").asInt()).isEqualTo(128_000);
            assertThat(doc.path("structural").path("utterances").asInt()).as("structure is measured on the whole call")
                    .isEqualTo(6_000);
            assertThat(vaa.io.Json.MAPPER.readTree(ws.resolve("runs/cut/config.json").toFile()).path("args").path("truncate")
                    .asBoolean()).isTrue();
        }
    }

    private static String call(String id, String customerText) {
        return "{\"id\": \"" + id + "\", \"utterances\": [{\"speaker\": \"agent\", \"text\": \"Hello, how can I help?\"},"
                + " {\"speaker\": \"customer\", \"text\": \"" + customerText + "\"}]}";
    }
}
