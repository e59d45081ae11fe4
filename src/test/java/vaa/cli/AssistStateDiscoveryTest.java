package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.assist.AssistFixtures;
import vaa.testing.Cli;

/** {@code vaa assist} finds state files through a symlinked customer_data/, as {@code vaa sample} reads through it. */
class AssistStateDiscoveryTest {
    @Test
    void stateFilesUnderASymlinkedCustomerDataAreFound(@TempDir Path ws, @TempDir Path shared) throws IOException {
        AssistFixtures.campaign(shared);
        Files.createSymbolicLink(ws.resolve("customer_data"), shared.resolve("customer_data"));

        Cli.Result r = Cli.in(ws).run("assist");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--state FILE (found: " + AssistFixtures.STATE_REL + ")");
    }
}
