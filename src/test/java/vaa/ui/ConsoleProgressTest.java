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
        try (ConsoleProgress progress = new ConsoleProgress(true, new PrintWriter(new StringWriter()),
                new PrintStream(bar, true, StandardCharsets.UTF_8), () -> {
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
}
