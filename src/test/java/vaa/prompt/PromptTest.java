package vaa.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vaa.io.Json;
import vaa.llm.ChatMessage;

class PromptTest {

    @Test
    void compilesEveryChatMessageAndKeepsRoles() {
        Prompt p = Prompt.chat("p", 2,
                List.of(ChatMessage.system("You coach {{who}}."), ChatMessage.user("{{transcript}}")),
                null, List.of("production"), "built-in");

        assertThat(p.compile(Map.of("who", "sellers", "transcript", "Kunden: Nej tak")))
                .containsExactly(ChatMessage.system("You coach sellers."), ChatMessage.user("Kunden: Nej tak"));
    }

    @Test
    void compilesATextPromptIntoOneUserMessage() {
        Prompt p = Prompt.text("p", 1, "Say {{x}}", null, List.of(), "built-in");

        assertThat(p.compile(Map.of("x", "hi"))).containsExactly(ChatMessage.user("Say hi"));
    }

    @Test
    void listsVariablesAcrossMessages() {
        Prompt p = Prompt.chat("p", 1,
                List.of(ChatMessage.system("{{a}} {{b}}"), ChatMessage.user("{{b}} {{c}}")), null, List.of(), "x");

        assertThat(p.variables()).containsExactly("a", "b", "c");
    }

    @Test
    void keepsItsOwnCopyOfTheConfig() {
        ObjectNode config = Json.MAPPER.createObjectNode().put("temperature", 0.2);
        Prompt p = Prompt.text("p", 1, "t", config, List.of(), "x");

        config.put("temperature", 1.0);
        ((ObjectNode) p.config()).put("temperature", 2.0);

        assertThat(p.config().get("temperature").doubleValue()).isEqualTo(0.2);
    }

    @Test
    void defaultsToAnEmptyConfigObject() {
        assertThat(Prompt.text("p", 1, "t", null, null, "x").config().isObject()).isTrue();
    }

    @Test
    void refusesAChatPromptWithText() {
        assertThatThrownBy(() -> new Prompt("p", 1, PromptType.CHAT, List.of(), "t", null, null, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describesItselfWithVersionAndSource() {
        assertThat(Prompt.text("p", 4, "t", null, null, "langfuse https://h").describe())
                .isEqualTo("p v4 (langfuse https://h)");
    }
}
