package vaa.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.testing.MessageLog;

class DefaultSourceTest {
    @TempDir
    Path workspace;

    @TempDir
    Path home;

    final MessageLog log = new MessageLog();

    @Test
    void theWorkspacesCustomerDataComesFirstAndNeedsNoNote() throws Exception {
        Files.createDirectories(workspace.resolve("customer_data"));
        Files.createDirectories(home.resolve("customer_data"));

        assertThat(DefaultSource.resolve(workspace, Optional.of(home), log)).isEqualTo(Path.of("customer_data"));
        assertThat(log.lines()).isEmpty();
    }

    @Test
    void withoutOneTheInstalledDemoDataIsUsedAndSaidInOneLine() throws Exception {
        Files.createDirectories(home.resolve("customer_data"));

        Path source = DefaultSource.resolve(workspace, Optional.of(home), log);

        assertThat(source).isEqualTo(home.resolve("customer_data").toAbsolutePath().normalize());
        assertThat(log.lines()).containsExactly("No customer_data/ here; drawing from the demo data installed with vaa: " + source);
    }

    @Test
    void withNeitherOrNoKnownHomeTheDefaultStaysForTheCheckToReport() throws Exception {
        assertThat(DefaultSource.resolve(workspace, Optional.of(home), log)).isEqualTo(Path.of("customer_data"));
        assertThat(DefaultSource.resolve(workspace, Optional.empty(), log)).isEqualTo(Path.of("customer_data"));
        assertThat(log.lines()).isEmpty();
    }
}
