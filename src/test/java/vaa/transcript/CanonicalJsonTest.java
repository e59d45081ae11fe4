package vaa.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanonicalJsonTest {

    @Test
    void readingAndWritingACanonicalFileGivesTheSameBytes() throws IOException {
        Path file = Samples.path("canonical/full.json");
        Call call = Samples.read("canonical/full.json");

        assertThat(CanonicalJson.toJson(call)).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryCanonicalField() {
        Call call = Samples.read("canonical/full.json");

        assertThat(call.id()).isEqualTo("call-0042");
        assertThat(call.startedAt()).isEqualTo("2025-01-15T10:30:00Z");
        assertThat(call.durationS()).isEqualTo(95.5);
        assertThat(call.metadata()).containsEntry("campaign", "winback-q1").containsEntry("score", 7);
        assertThat(call.utterances()).hasSize(5);
        Utterance first = call.utterances().get(0);
        assertThat(first).isEqualTo(new Utterance(Role.AGENT, "Anna",
                "Hi, this is Anna from Nordlys Telecom. Is this Mr. Berg?", 0.0, 3.25));
        assertThat(call.utterances().get(1).metadata()).containsEntry("asr_text", "speaking is this about my contract");
        assertThat(call.utterances().get(3).role()).isEqualTo(Role.OTHER);
        assertThat(call.utterances().get(3).start()).isNull();
    }

    @Test
    void omitsAbsentOptionalsAndWritesFieldsInAFixedOrder() {
        Call call = new Call("c-1", List.of(new Utterance(Role.AGENT, null, "Hello.")));

        assertThat(CanonicalJson.toJson(call)).isEqualTo("""
                {
                  "id" : "c-1",
                  "utterances" : [ {
                    "speaker" : "agent",
                    "text" : "Hello."
                  } ]
                }
                """);
    }

    @Test
    void writesSpeakerLabelOnlyWhenItDiffersFromTheRole() {
        Call call = new Call("c-1", "2025-01-01T00:00:00Z", 12.0, Map.of("k", "v"),
                List.of(new Utterance(Role.CUSTOMER, "Kunden", "Hej.", 1.5, 2.0)));

        assertThat(CanonicalJson.toTree(call).toString()).isEqualTo(
                "{\"id\":\"c-1\",\"started_at\":\"2025-01-01T00:00:00Z\",\"duration_s\":12.0,\"metadata\":{\"k\":\"v\"},"
                        + "\"utterances\":[{\"speaker\":\"customer\",\"speaker_label\":\"Kunden\",\"text\":\"Hej.\",\"start\":1.5,\"end\":2.0}]}");
    }

    @Test
    void normalisesNonCanonicalSpeakerNamesAndKeepsThemAsLabels() {
        Call call = Samples.read("canonical/minimal.json");

        assertThat(call.utterances()).extracting(Utterance::role).containsExactly(Role.AGENT, Role.CUSTOMER);
        assertThat(CanonicalJson.toTree(call).path("utterances").path(1).toString())
                .isEqualTo("{\"speaker\":\"customer\",\"speaker_label\":\"Customer\",\"text\":\"Hi.\"}");
    }

    @Test
    void fallsBackToTheFileStemWhenTheIdIsMissing() {
        assertThat(Samples.read("canonical/no-id.json").id()).isEqualTo("no-id");
    }

    @Test
    void everyReadableFormatRoundTripsThroughCanonical(@TempDir Path dir) throws IOException {
        TranscriptReaders readers = new TranscriptReaders();
        for (String sample : List.of("vapi/outbound-call.json", "retell/inbound-call.json", "deepgram/support-call.json",
                "text/support-call.txt", "processed/solar-campaign/processed_conversations/conv_seller_first.json")) {
            Call original = Samples.read(readers, sample);
            Path out = dir.resolve(original.id() + ".json");
            CanonicalJson.write(out, original);

            ReadResult again = readers.read(out);

            assertThat(again).as(sample).isEqualTo(new ReadResult.Read(original, TranscriptFormat.CANONICAL));
            assertThat(Files.readString(out)).as(sample).isEqualTo(CanonicalJson.toJson(original));
        }
    }
}
