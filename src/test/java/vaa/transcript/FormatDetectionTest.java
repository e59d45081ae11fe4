package vaa.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vaa.VaaException;

class FormatDetectionTest {
    private final TranscriptReaders readers = new TranscriptReaders();

    @ParameterizedTest
    @CsvSource({
        "canonical/full.json, CANONICAL",
        "processed/solar-campaign/processed_conversations/conv_seller_first.json, PROCESSED",
        "vapi/outbound-call.json, VAPI",
        "vapi/end-of-call-report.json, VAPI",
        "retell/inbound-call.json, RETELL",
        "retell/call-ended-webhook.json, RETELL",
        "retell/transcript-text-only.json, RETELL",
        "deepgram/support-call.json, DEEPGRAM",
        "deepgram/words-only.json, DEEPGRAM",
        "text/support-call.txt, TEXT",
    })
    void detectsTheFormatOfEachSample(String sample, TranscriptFormat expected) {
        assertThat(readers.read(Samples.path(sample)))
                .isInstanceOfSatisfying(ReadResult.Read.class, r -> assertThat(r.format()).isEqualTo(expected));
    }

    @Test
    void aForcedFormatIsReportedAsTheFormatRead() {
        ReadResult result = readers.read(Samples.path("vapi/outbound-call.json"), Optional.of(TranscriptFormat.VAPI));

        assertThat(result).isInstanceOfSatisfying(ReadResult.Read.class,
                r -> assertThat(r.format()).isEqualTo(TranscriptFormat.VAPI));
    }

    @Test
    void sniffsFilesWithOtherExtensions(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("call.export");
        Files.writeString(json, "\n  {\"id\":\"e\",\"utterances\":[{\"speaker\":\"agent\",\"text\":\"Hi\"}]}");
        Path text = dir.resolve("call.log");
        Files.writeString(text, "Agent: Hi\nCaller: Hello\n");

        assertThat(((ReadResult.Read) readers.read(json)).format()).isEqualTo(TranscriptFormat.CANONICAL);
        assertThat(((ReadResult.Read) readers.read(text)).format()).isEqualTo(TranscriptFormat.TEXT);
    }

    @Test
    void acceptsAUtf8ByteOrderMark(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("bom.json");
        Files.writeString(json, "\uFEFF{\"id\":\"b\",\"utterances\":[{\"speaker\":\"agent\",\"text\":\"Hi\"}]}");
        Path text = dir.resolve("bom.txt");
        Files.writeString(text, "\uFEFFAgent: Hi\n");

        assertThat(readers.read(json)).isInstanceOf(ReadResult.Read.class);
        assertThat(((ReadResult.Read) readers.read(text)).call().utterances().get(0).speaker()).isEqualTo("Agent");
    }

    @Test
    void formatCliNamesAreLowercase() {
        assertThat(TranscriptFormat.values()).extracting(TranscriptFormat::cliName)
                .containsExactly("canonical", "processed", "vapi", "retell", "deepgram", "text");
        assertThat(TranscriptFormat.fromCliName("Retell")).isEqualTo(TranscriptFormat.RETELL);
        assertThat(TranscriptFormat.DEEPGRAM).hasToString("deepgram");
    }

    @Test
    void anUnknownFormatNameIsAUsageErrorListingTheValidOnes() {
        assertThatThrownBy(() -> TranscriptFormat.fromCliName("zoom"))
                .isInstanceOfSatisfying(VaaException.class, e -> assertThat(e.exitCode()).isEqualTo(VaaException.USAGE))
                .hasMessage("unknown transcript format 'zoom' (expected one of: canonical, processed, vapi, retell, deepgram, text)");
    }
}
