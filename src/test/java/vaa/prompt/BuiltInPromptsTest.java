package vaa.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.llm.ChatMessage;

class BuiltInPromptsTest {
    static final Path RESOURCES = Path.of("src/main/resources/vaa/prompts");

    @TempDir
    Path emptyWorkspace;

    @Test
    void theIndexListsExactlyThePromptFilesShipped() throws IOException {
        try (Stream<Path> files = Files.list(RESOURCES)) {
            List<String> shipped = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5))
                    .sorted()
                    .toList();
            assertThat(LocalPromptSource.builtInNames()).containsExactlyElementsOf(shipped);
        }
    }

    @Test
    void everyBuiltInLoadsWithTheProductionLabelAndItsOwnName() {
        LocalPromptSource local = new LocalPromptSource(emptyWorkspace);
        for (String name : LocalPromptSource.builtInNames()) {
            Prompt p = local.get(name);
            assertThat(p.name()).isEqualTo(name);
            assertThat(p.labels()).contains(PromptSelector.PRODUCTION);
        }
    }

    @Test
    void assistPromptUsesTheVariablesTheAssistRunnerFills() {
        Prompt p = new LocalPromptSource(emptyWorkspace).get("elg_b2c_objection_assist");

        assertThat(p.variables()).containsExactlyInAnyOrder("state", "new_transcript", "previous_suggestions");
        assertThat(p.config().path("temperature").isNumber()).isTrue();
    }

    @Test
    void assistPromptStatesTheFirstLineContract() {
        Prompt p = new LocalPromptSource(emptyWorkspace).get("elg_b2c_objection_assist");
        String system = p.messages().get(0).content();

        assertThat(p.messages().get(0).role()).isEqualTo("system");
        assertThat(system).contains("`skip`", "`show|<tag>`", "objection_price", "Sælger:", "Kunden:", "Danish");
    }

    @Test
    void assistPromptCompilesWithoutLeftoverVariables() {
        Prompt p = new LocalPromptSource(emptyWorkspace).get("elg_b2c_objection_assist");

        List<ChatMessage> messages = p.compile(Map.of(
                "state", "{\"phase\": \"pitch\"}",
                "new_transcript", "Kunden:\n\nDet lyder dyrt.",
                "previous_suggestions", "(none)"));

        assertThat(messages).extracting(ChatMessage::content).noneMatch(c -> c.contains("{{"));
        assertThat(messages.get(1).content()).contains("Det lyder dyrt.", "(none)", "\"phase\": \"pitch\"");
    }
}
