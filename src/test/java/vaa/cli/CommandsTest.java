package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vaa.testing.Cli;

class CommandsTest {
    @TempDir
    Path ws;

    @Test
    void aCommandLineNamingACommandRegistersThatCommandAlone() {
        assertThat(Commands.needed("analyze", "--run-id", "r1", "--workers", "8")).containsExactly(AnalyzeCommand.class);
        assertThat(Commands.needed("-v", "--no-color", "runs", "list")).containsExactly(RunsCommand.class);
    }

    @Test
    void withoutACommandOrForHelpCompletionOrATypoEveryCommandIsRegisteredInUsageOrder() {
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "analyze"}, {"completion"}, {"analyse"}}) {
            assertThat(Commands.needed(args)).as(String.join(" ", args)).isEqualTo(Commands.ALL);
        }
        assertThat(Commands.ALL).last().isEqualTo(CommandLine.HelpCommand.class);
    }

    @Test
    void onlyCommandsThatCallAModelWarmTheClientUp() {
        assertThat(Commands.callsAModel("-v", "analyze", "--run-id", "r1")).isTrue();
        assertThat(Commands.callsAModel("runs", "list")).isFalse();
        assertThat(Commands.callsAModel("--help")).isFalse();
    }

    @Test
    void helpForACommandTypoSuggestionsAndTheUsageListStillWork() {
        assertThat(Cli.in(ws).run("help", "analyze").out()).contains("Usage: vaa analyze");
        assertThat(Cli.in(ws).run("analyse").all()).contains("Did you mean: analyze");
        assertThat(Cli.in(ws).run("--help").out()).contains("run", "sample", "analyze", "runs", "models", "assist", "completion");
        assertThat(Cli.in(ws).run("-v", "runs", "list").code()).isZero();
    }
}
