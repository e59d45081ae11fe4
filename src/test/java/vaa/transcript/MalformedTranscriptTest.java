package vaa.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MalformedTranscriptTest {
    private final TranscriptReaders readers = new TranscriptReaders();

    private String reason(String sample) {
        ReadResult result = readers.read(Samples.path(sample));
        assertThat(result).as(sample).isInstanceOf(ReadResult.Unreadable.class);
        ReadResult.Unreadable unreadable = (ReadResult.Unreadable) result;
        assertThat(unreadable.file()).isEqualTo(Samples.path(sample));
        return unreadable.reason();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "malformed/empty.json | empty file",
        "malformed/whitespace.json | empty file",
        "malformed/binary.json | binary file",
        "malformed/utf16.txt | UTF-16 text; save it as UTF-8",
        "malformed/latin1.txt | not valid UTF-8 text",
        "malformed/zero-utterances.json | no utterances",
        "malformed/vapi-system-only.json | no utterances",
        "malformed/missing-text.json | utterance 1: missing text",
        "malformed/wrong-shape.json | unknown transcript shape (expected canonical, processed, Vapi, Retell or Deepgram JSON)",
        "malformed/scalar.json | unknown transcript shape (expected canonical, processed, Vapi, Retell or Deepgram JSON)",
        "malformed/harper-valley-segments.json | Harper Valley segment list, not a call transcript (convert it first: tools/convert)",
    })
    void reportsAShortReason(String sample, String expected) {
        assertThat(reason(sample)).isEqualTo(expected);
    }

    @Test
    void truncatedJsonNamesTheProblemAndWhere() {
        assertThat(reason("malformed/truncated.json"))
                .startsWith("not valid JSON: Unexpected end-of-input")
                .doesNotContain("Source")
                .matches(".*\\(line \\d+, column \\d+\\)$");
    }

    @Test
    void trailingContentAfterTheDocumentIsInvalidJson() {
        assertThat(reason("malformed/trailing-garbage.json")).isEqualTo("not valid JSON: unexpected content after the JSON document (line 2, column 1)");
        assertThat(reason("malformed/trailing-garbage.json"))
                .endsWith("(line 2, column 1)");
    }

    @Test
    void aMissingFileIsUnreadableNotAnException(@TempDir Path dir) {
        Path missing = dir.resolve("gone.json");

        assertThat(readers.read(missing)).isEqualTo(new ReadResult.Unreadable(missing, "file not found"));
    }

    @Test
    void aDirectoryIsUnreadable(@TempDir Path dir) {
        assertThat(readers.read(dir)).isEqualTo(new ReadResult.Unreadable(dir, "a directory, not a file"));
    }

    @Test
    void forcingTheWrongFormatSaysWhatIsMissing() {
        ReadResult result = readers.read(Samples.path("canonical/full.json"), Optional.of(TranscriptFormat.VAPI));

        assertThat(result).isInstanceOfSatisfying(ReadResult.Unreadable.class,
                u -> assertThat(u.reason()).isEqualTo("Vapi call has no artifact.messages"));
    }

    @Test
    void wrongTypesInsideAKnownFormatAreReported(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("c.json");
        Files.writeString(file, "{\"id\":\"c\",\"duration_s\":\"long\",\"utterances\":[{\"speaker\":\"agent\",\"text\":\"x\"}]}");

        assertThat(readers.read(file)).isEqualTo(new ReadResult.Unreadable(file, "duration_s must be a number"));
    }

    @Test
    void nulBytesMakeAFileBinaryWhateverItsExtension(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("audio.wav.json");
        byte[] bytes = new byte[100_000];
        bytes[5000] = 1;
        Files.write(file, bytes);

        assertThat(readers.read(file)).isEqualTo(new ReadResult.Unreadable(file, "binary file"));
    }

    @Test
    void aReadersOwnFailureIsUnreadableWithTheExceptionNamedNotThrown(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("c.json");
        Files.writeString(file, "{\"id\":\"c\",\"utterances\":[{\"speaker\":\"agent\",\"text\":\"x\"}]}");
        TranscriptReaders buggy = FailingReaders.throwingOn("c.json", new NullPointerException("a field was null"));

        assertThat(buggy.read(file)).isEqualTo(new ReadResult.Unreadable(file, "reader error (NullPointerException: a field was null)"));
        assertThat(FailingReaders.throwingOn("c.json", new IllegalStateException()).read(file))
                .isEqualTo(new ReadResult.Unreadable(file, "reader error (IllegalStateException)"));
    }
}
