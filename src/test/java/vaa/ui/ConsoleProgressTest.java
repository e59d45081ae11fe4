package vaa.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The live bar is drawn at the width vaa's terminal gives, never at one the bar library finds itself. */
class ConsoleProgressTest {
    @Test
    void theBarFitsTheWidthItIsGiven() throws Exception {
        ByteArrayOutputStream bar = new ByteArrayOutputStream();
        int[] asked = new int[1];
        try (ConsoleProgress progress = new ConsoleProgress(() -> true, new PrintWriter(new StringWriter()),
                new ConsoleLine(new PrintStream(bar, true, StandardCharsets.UTF_8)), () -> {
                    asked[0]++;
                    return 60;
                })) {
            progress.start("Analysing", 20);
            progress.update(7, 1);
        }
        String drawn = bar.toString(StandardCharsets.UTF_8);

        assertThat(asked[0]).isGreaterThan(0);
        assertThat(drawn).contains("Analysing", "7/20");
        assertThat(Arrays.stream(drawn.split("[\r\n]+")).mapToInt(String::length).max().orElse(0)).isBetween(50, 59);
    }

    @Test
    void aMessageWhileTheBarIsDrawnGetsALineOfItsOwn() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(console, true, StandardCharsets.UTF_8);
        ConsoleLine line = new ConsoleLine(stream);
        PrintWriter err = new PrintWriter(stream, true);
        ConsoleMessages messages = new ConsoleMessages(err, err, () -> new Style(false), line);
        try (ConsoleProgress progress = new ConsoleProgress(() -> true, new PrintWriter(new StringWriter()), line, () -> 60)) {
            progress.start("Waiting for batch", 20);
            progress.update(7, 0);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!console.toString(StandardCharsets.UTF_8).contains("7/20") && System.nanoTime() < deadline) {
                Thread.sleep(10);   // the bar draws on its own thread
            }
            messages.note("Batch batch_5 completed");
            progress.update(9, 0);
        }
        String out = console.toString(StandardCharsets.UTF_8);

        assertThat(out).contains("7/20");
        // what the terminal shows on the message's line: whatever follows the last carriage return or newline before it
        String before = out.substring(0, out.indexOf("Batch batch_5 completed"));
        String sameLine = before.substring(Math.max(before.lastIndexOf('\r'), before.lastIndexOf('\n')) + 1);
        assertThat(sameLine).isEmpty();
        assertThat(before).contains("\r" + " ".repeat(20));   // the bar was wiped, not left under the message
    }
}
