package vaa.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vaa.VaaException;
import vaa.io.Env;
import vaa.llm.ChatMessage;
import vaa.llm.ModelCatalog;
import vaa.llm.ResolvedModel;

class InsightBudgetTest {
    private static ResolvedModel model(String key) {
        return ModelCatalog.builtIn().resolve(key, Env.of(Map.of("GEMINI_API_KEY", "k", "OPENAI_API_KEY", "k", "GROQ_API_KEY", "k")));
    }

    @Test
    void theDefaultFollowsTheModelFamilysContextWindow() {
        assertThat(InsightBudget.forModel(model("gemini-pro"), null).tokens()).isEqualTo(200_000);
        assertThat(InsightBudget.forModel(model("gpt-4o-mini"), null).tokens()).isEqualTo(90_000);
        assertThat(InsightBudget.forModel(model("llama3.2"), null)).satisfies(b -> {
            assertThat(b.tokens()).isEqualTo(InsightBudget.LOCAL_TOKENS);
            assertThat(b.basis()).contains("Ollama");
        });
        assertThat(InsightBudget.forModel(model("openai:some-new-model"), null).tokens()).isEqualTo(InsightBudget.UNKNOWN_MODEL_TOKENS);
    }

    @Test
    void anExplicitBudgetWinsAndMustBePositive() {
        assertThat(InsightBudget.forModel(model("gemini-pro"), 1234)).isEqualTo(new InsightBudget(1234, "--context-budget"));
        assertThatThrownBy(() -> InsightBudget.forModel(model("gemini-pro"), 0)).isInstanceOf(VaaException.class)
                .hasMessageContaining("--context-budget");
    }

    @Test
    void tokensAreEstimatedAsCharactersOverFourPlusAFewPerMessage() {
        assertThat(InsightBudget.estimate("abcd")).isEqualTo(1);
        assertThat(InsightBudget.estimate("abcde")).isEqualTo(2);
        assertThat(InsightBudget.estimate(List.of(ChatMessage.system("x".repeat(40)), ChatMessage.user("y".repeat(40)))))
                .isEqualTo(20 + 2 * InsightBudget.TOKENS_PER_MESSAGE);
    }
}
