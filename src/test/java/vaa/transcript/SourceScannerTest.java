package vaa.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.VaaException;

class SourceScannerTest {
    @TempDir
    Path root;

    private void touch(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private List<String> scanned() {
        return SourceScanner.scan(root).files().stream().map(SourceFile::relative).toList();
    }

    @Test
    void listsJsonAndTextFilesSortedByRelativePath() throws IOException {
        touch("b/call2.json", "{}");
        touch("a/z.txt", "Agent: hi");
        touch("a/y.JSON", "{}");
        touch("top.json", "{}");

        assertThat(scanned()).containsExactly("a/y.JSON", "a/z.txt", "b/call2.json", "top.json");
    }

    @Test
    void excludesNonTranscriptFiles() throws IOException {
        touch("camp/processed_conversations/c1.json", "{}");
        touch("camp/speaker_map.json", "{}");
        touch("camp/state_experiments/c1_v9.state.json", "{}");
        touch("camp/state_experiments/notes.json", "{}");
        touch("camp/other.state.json", "{}");
        touch("camp/README.md", "#");
        touch("camp/readme.txt", "read me");
        touch("camp/LICENSE-Apache-2.0.txt", "license");
        touch("camp/NOTICE.txt", "notice");
        touch("camp/audio.wav", "RIFF");
        touch("camp/.hidden.json", "{}");
        touch("camp/.cache/c2.json", "{}");
        touch("camp/.c1.json.123.tmp", "{}");

        assertThat(scanned()).containsExactly("camp/processed_conversations/c1.json");
    }

    @Test
    void listsFilesByNameWithAbsolutePaths() throws IOException {
        touch("a.json", "12345");

        SourceScan scan = SourceScanner.scan(root);

        assertThat(scan.files()).singleElement().satisfies(f -> {
            assertThat(f.relative()).isEqualTo("a.json");
            assertThat(f.file()).isEqualTo(root.toAbsolutePath().normalize().resolve("a.json"));
        });
        assertThat(scan.skipped()).isEmpty();
    }

    @Test
    void isDeterministicWhateverTheCreationOrder(@TempDir Path other) throws IOException {
        List<String> names = List.of("c/3.json", "a/1.json", "b/2.txt", "a/10.json", "a/2.json");
        for (String n : names) {
            touch(n, "{}");
        }
        for (int i = names.size() - 1; i >= 0; i--) {
            Path f = other.resolve(names.get(i));
            Files.createDirectories(f.getParent());
            Files.writeString(f, "{}");
        }

        List<String> first = scanned();

        assertThat(first).containsExactly("a/1.json", "a/10.json", "a/2.json", "b/2.txt", "c/3.json");
        assertThat(SourceScanner.scan(other).files().stream().map(SourceFile::relative).toList()).isEqualTo(first);
        assertThat(scanned()).isEqualTo(first);
    }

    @Test
    void followsSymbolicLinksAndReportsLoops() throws IOException {
        touch("real/c1.json", "{}");
        Files.createSymbolicLink(root.resolve("linked"), root.resolve("real"));
        Files.createSymbolicLink(root.resolve("real/loop"), root);
        Files.createSymbolicLink(root.resolve("dangling.json"), root.resolve("nowhere.json"));

        SourceScan scan = SourceScanner.scan(root);

        // a broken link named like a transcript is listed without a stat; reading it later says why it fails
        assertThat(scan.files()).extracting(SourceFile::relative).containsExactly("dangling.json", "linked/c1.json", "real/c1.json");
        assertThat(scan.skipped()).extracting(ReadResult.Unreadable::reason).contains("symbolic link loop");
        assertThat(new TranscriptReaders().read(root.resolve("dangling.json"))).isInstanceOf(ReadResult.Unreadable.class);
    }

    @Test
    void aHiddenOrStateExperimentsRootIsStillScanned() throws IOException {
        Path hiddenRoot = Files.createDirectories(root.resolve(".data"));
        Files.writeString(hiddenRoot.resolve("c.json"), "{}");

        assertThat(SourceScanner.scan(hiddenRoot).files()).extracting(SourceFile::relative).containsExactly("c.json");
    }

    @Test
    void aFileIsASourceOfOneCallWhateverItsName() throws IOException {
        touch("exports/README-call.json", "{}");

        SourceScan scan = SourceScanner.scan(root.resolve("exports/README-call.json"));

        assertThat(scan.files()).singleElement().satisfies(f -> {
            assertThat(f.relative()).isEqualTo("README-call.json");
            assertThat(f.file()).isEqualTo(root.toAbsolutePath().normalize().resolve("exports/README-call.json"));
        });
        assertThat(scan.skipped()).isEmpty();
    }

    @Test
    void aMissingRootIsAUsageError() {
        assertThatThrownBy(() -> SourceScanner.scan(root.resolve("nope")))
                .isInstanceOfSatisfying(VaaException.class, e -> assertThat(e.exitCode()).isEqualTo(VaaException.USAGE))
                .hasMessageContaining("source not found");
    }
}
