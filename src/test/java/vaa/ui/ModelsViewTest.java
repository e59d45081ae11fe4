package vaa.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog fits the terminal: one row per model when the table fits (or there is no terminal), else a short block each. */
class ModelsViewTest {
    private static final List<ModelsView.Line> MODELS = List.of(
            new ModelsView.Line("9", "Kimi K2 Thinking (Fireworks, Budget 1024)", "fireworks", "accounts/fireworks/models/kimi-k2-thinking",
                    "https://api.fireworks.ai/inference/v1", "FIREWORKS_API_KEY", false, "", false, "$0.60 / $2.50 per 1M tokens"),
            new ModelsView.Line("gpt-4o-mini", "GPT-4o mini (OpenAI)", "openai", "gpt-4o-mini", "https://api.openai.com/v1", "OPENAI_API_KEY",
                    true, "analysis", true, "unknown"));

    private static String print(int width) {
        StringWriter text = new StringWriter();
        ModelsView.print(new PrintWriter(text, true), new Style(false), MODELS, width);
        return text.toString();
    }

    @Test
    void aNarrowTerminalGetsABlockPerModelWithNoLineWiderThanIt() {
        String narrow = print(100);
        assertThat(narrow.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
        assertThat(narrow).contains("gpt-4o-mini  GPT-4o mini (OpenAI)  (default for analysis)",
                "  openai · gpt-4o-mini · https://api.openai.com/v1", "  API key set · batch yes · price unknown",
                "  API key missing (FIREWORKS_API_KEY) · batch no · $0.60 / $2.50 per 1M tokens");
    }

    @Test
    void withoutATerminalOrWhenItFitsItIsOneRowPerModel() {
        String piped = print(0);
        assertThat(piped.lines()).hasSize(3);
        assertThat(piped.lines().findFirst().orElseThrow()).startsWith("KEY").contains("BASE URL", "PRICE");
        assertThat(print(300)).isEqualTo(piped);
    }
}
