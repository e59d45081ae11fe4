package vaa.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @AfterEach
    void resetHook() {
        AtomicFiles.beforeRename = temp -> {};
    }

    @Test
    void aCrashBeforeTheRenameLeavesTheOldFileWhole() throws Exception {
        Path file = dir.resolve("status.json");
        AtomicFiles.writeString(file, "{\"old\": true}\n");
        AtomicFiles.beforeRename = temp -> {
            assertThat(Files.readString(temp)).isEqualTo("{\"new\": true}\n");
            throw new IOException("simulated crash");
        };
        assertThatThrownBy(() -> AtomicFiles.writeString(file, "{\"new\": true}\n")).hasMessage("simulated crash");
        assertThat(Files.readString(file)).isEqualTo("{\"old\": true}\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void writesReplaceTheWholeFileAndCreateParents() throws Exception {
        Path file = dir.resolve("a/b/c.txt");
        AtomicFiles.writeString(file, "a much longer first version");
        AtomicFiles.writeString(file, "short");
        assertThat(Files.readString(file)).isEqualTo("short");
    }

    @Test
    void tempFilesAreRecognisable() {
        assertThat(AtomicFiles.isTempFile(Path.of(".x.json.123.tmp"))).isTrue();
        assertThat(AtomicFiles.isTempFile(Path.of("x.json"))).isFalse();
    }
}
