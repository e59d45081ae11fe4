package vaa.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import vaa.VaaException;
import vaa.io.Prompter;

class JLinePrompterTest {
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    private JLinePrompter prompter(String keys) throws Exception {
        Terminal terminal = TerminalBuilder.builder().system(false).dumb(true).type("dumb")
                .streams(new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen)
                .encoding(StandardCharsets.UTF_8).build();
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
        return new JLinePrompter(reader, Style.plain());
    }

    private String screen() {
        return screen.toString(StandardCharsets.UTF_8).replace("\r", "");
    }

    @Test
    void askShowsTheDefaultInBracketsAndEnterTakesIt() throws Exception {
        assertThat(prompter("\n").ask("Run name", "abc_v1")).isEqualTo("abc_v1");
        assertThat(screen()).contains("Run name [abc_v1]: ");
        assertThat(prompter("  mine  \n").ask("Run name", "abc_v1")).isEqualTo("mine");
    }

    @Test
    void askWithoutADefaultShowsNoBracketsAndMayReturnEmpty() throws Exception {
        assertThat(prompter("\n").ask("Prompt", "")).isEmpty();
        assertThat(screen()).contains("Prompt: ").doesNotContain("[");
    }

    @Test
    void confirmTakesYesOrTheDefaultAndAnythingElseIsNo() throws Exception {
        assertThat(prompter("\n").confirm("Proceed?", true)).isTrue();
        assertThat(screen()).contains("Proceed? (Y/n): ");
        assertThat(prompter("\n").confirm("Proceed?", false)).isFalse();
        assertThat(prompter("YES\n").confirm("Proceed?", false)).isTrue();
        assertThat(prompter("y\n").confirm("Proceed?", false)).isTrue();
        assertThat(prompter("n\n").confirm("Proceed?", true)).isFalse();
        assertThat(prompter("maybe\n").confirm("Proceed?", true)).as("as the seed: only y/yes is yes").isFalse();
    }

    @Test
    void chooseNumbersTheOptionsAndAsksAgainUntilANumberInRange() throws Exception {
        int i = prompter("0\nx\n3\n2\n").choose("Select state file", List.of("a.state.json", "b.state.json"));
        assertThat(i).isEqualTo(1);
        assertThat(screen()).contains("\nSelect state file\n  1) a.state.json\n  2) b.state.json\n", "Select [1-2]: ")
                .contains("[error] Invalid choice. Enter 1-2.");
        assertThat(screen().split("Invalid choice", -1)).hasSize(4);
    }

    @Test
    void chooseKeyMarksTheDefaultAndReturnsWhatWasTyped() throws Exception {
        List<Prompter.Option> menu = List.of(new Prompter.Option("1", "GPT-OSS 120B (Groq)"),
                new Prompter.Option("3", "Gemini 3 Flash (Minimal Thinking)"));
        assertThat(prompter("\n").chooseKey("Available models:", menu, "Select model", "3")).isEqualTo("3");
        assertThat(screen()).contains("\nAvailable models:\n  1) GPT-OSS 120B (Groq)\n  3) Gemini 3 Flash (Minimal Thinking) (default)\n",
                "Select model [3]: ");
        assertThat(prompter("42\n").chooseKey("Available models:", menu, "Select model", "3")).isEqualTo("42");
    }

    @Test
    void endOfInputIsAFailureNotAnAnswer() throws Exception {
        JLinePrompter p = prompter("");
        assertThatThrownBy(() -> p.ask("Run name", "x")).isInstanceOf(VaaException.class)
                .satisfies(e -> assertThat(((VaaException) e).exitCode()).isEqualTo(1))
                .hasMessageContaining("input ended");
    }

    @Test
    void coloursFollowTheStyle() throws Exception {
        Terminal terminal = TerminalBuilder.builder().system(false).type("xterm-256color")
                .streams(new ByteArrayInputStream("1\n".getBytes(StandardCharsets.UTF_8)), screen)
                .encoding(StandardCharsets.UTF_8).build();
        JLinePrompter coloured = new JLinePrompter(LineReaderBuilder.builder().terminal(terminal).build(), new Style(true));
        coloured.choose("Pick", List.of("only"));
        assertThat(screen()).contains("\033[1mPick\033[0m", "\033[36m1\033[0m) only");
    }
}
