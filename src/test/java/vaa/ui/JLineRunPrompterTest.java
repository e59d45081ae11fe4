package vaa.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import vaa.run.RunIds;
import vaa.run.RunPrompter;
import vaa.run.RunSummary;

class JLineRunPrompterTest {
    static final RunSummary A = new RunSummary("experiment_a", "runs/experiment_a", "2026-01-21T14:00:00",
            "2026-01-21T14:30:00", "in_progress", 50, 48, false);
    static final RunSummary B = new RunSummary("experiment_b", "runs/experiment_b", "2026-01-21T15:30:00",
            "2026-01-21T15:31:00", "completed", 10, 10, true);

    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    private JLineRunPrompter prompter(String keys) throws Exception {
        Terminal terminal = TerminalBuilder.builder().system(false).dumb(true).type("dumb")
                .streams(new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen)
                .encoding(StandardCharsets.UTF_8).build();
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
        return new JLineRunPrompter(reader, Style.plain());
    }

    private String screen() {
        return screen.toString(StandardCharsets.UTF_8).replace("\r", "");
    }

    @Test
    void continueScreenShowsTheRunAndEnterContinues() throws Exception {
        RunPrompter.ContinueChoice choice = prompter("\n").confirmContinue(A, ".last_run.pts-3");
        assertThat(choice).isEqualTo(RunPrompter.ContinueChoice.CONTINUE);
        assertThat(screen()).contains(
                "=".repeat(60) + "\nCONTINUE WITH RUN? (from .last_run.pts-3)\n" + "=".repeat(60),
                "  Run ID:    experiment_a\n",
                "  Path:      runs/experiment_a\n",
                "  Modified:  2026-01-21 14:30\n",
                "  Contents:  50 sampled, 48 analyses\n",
                "  [Enter] Continue with this run\n  [c]     Choose a DIFFERENT run\n  [q]     Quit\n",
                "Select option: ");
    }

    @Test
    void continueScreenRepromptsOnNonsenseThenTakesC() throws Exception {
        assertThat(prompter("x\nc\n").confirmContinue(A, ".last_run")).isEqualTo(RunPrompter.ContinueChoice.CHOOSE_OTHER);
        assertThat(screen()).contains("Invalid option 'x'. Press Enter, c or q.");
        assertThat(prompter("q\n").confirmContinue(A, ".last_run")).isEqualTo(RunPrompter.ContinueChoice.QUIT);
    }

    @Test
    void selectionMenuListsRunsNewestFirstAndPicksByNumber() throws Exception {
        RunPrompter.Selection s = prompter("9\n2\n").select(List.of(B, A), RunIds::isValid);
        assertThat(s).isEqualTo(new RunPrompter.ExistingRun("experiment_a"));
        assertThat(screen()).contains(
                "RUN SELECTION",
                "Existing runs (2):\n  [1] experiment_b  (2026-01-21 15:30)\n  [2] experiment_a  (2026-01-21 14:00)\n",
                "  [n] Create NEW run (auto-generated timestamp ID)\n",
                "  [c] Create NEW run with CUSTOM ID\n",
                "  [1-2] Use existing run (number from list above)\n",
                "  [l] Use LEGACY mode (flat directories, no isolation)\n",
                "  [q] Quit\n",
                "Invalid option '9'. Choose n, c, 1-2, l or q.");
    }

    @Test
    void selectionMenuOtherOptions() throws Exception {
        assertThat(prompter("n\n").select(List.of(A), RunIds::isValid)).isEqualTo(new RunPrompter.NewRun());
        assertThat(prompter("L\n").select(List.of(A), RunIds::isValid)).isEqualTo(new RunPrompter.Legacy());
        assertThat(prompter("q\n").select(List.of(), RunIds::isValid)).isEqualTo(new RunPrompter.Quit());
        assertThat(prompter("").select(List.of(), RunIds::isValid)).as("Ctrl+D quits").isEqualTo(new RunPrompter.Quit());
    }

    @Test
    void customIdIsAskedAgainUntilValid() throws Exception {
        RunPrompter.Selection s = prompter("c\n../evil\nmy run\nexperiment_c\n").select(List.of(A), RunIds::isValid);
        assertThat(s).isEqualTo(new RunPrompter.CustomRun("experiment_c"));
        assertThat(screen()).contains("Invalid run id '../evil'", "Invalid run id 'my run'");
    }
}
