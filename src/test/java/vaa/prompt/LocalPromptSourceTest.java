package vaa.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.VaaException;
import vaa.llm.ChatMessage;

class LocalPromptSourceTest {
    static final String ASSIST = "elg_b2c_objection_assist";

    @TempDir
    Path workspace;

    private void writePrompt(String name, String json) throws IOException {
        Path file = workspace.resolve("prompts").resolve(name + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
    }

    @Test
    void servesTheBuiltInCopyWhenTheWorkspaceHasNone() {
        Prompt p = new LocalPromptSource(workspace).get(ASSIST);

        assertThat(p.name()).isEqualTo(ASSIST);
        assertThat(p.version()).isEqualTo(1);
        assertThat(p.type()).isEqualTo(PromptType.CHAT);
        assertThat(p.source()).isEqualTo("built-in");
        assertThat(p.labels()).contains("production", "latest");
    }

    @Test
    void prefersTheWorkspaceFileOverTheBuiltIn() throws IOException {
        writePrompt(ASSIST, """
                {"name":"elg_b2c_objection_assist","version":7,"type":"chat",
                 "prompt":[{"role":"user","content":"mine {{state}}"}],"labels":["production"]}
                """);

        Prompt p = new LocalPromptSource(workspace).get(ASSIST);

        assertThat(p.version()).isEqualTo(7);
        assertThat(p.messages()).containsExactly(ChatMessage.user("mine {{state}}"));
        assertThat(p.source()).isEqualTo("local file prompts/" + ASSIST + ".json");
    }

    @Test
    void readsTextPromptsAndFolderStyleNames() throws IOException {
        writePrompt("team/summary", """
                {"version":1,"type":"text","prompt":"Summarise {{call}}"}
                """);

        Prompt p = new LocalPromptSource(workspace).get("team/summary");

        assertThat(p.type()).isEqualTo(PromptType.TEXT);
        assertThat(p.name()).isEqualTo("team/summary");
    }

    @Test
    void acceptsAMatchingVersionAndRefusesAnotherOne() {
        LocalPromptSource local = new LocalPromptSource(workspace);

        assertThat(local.get(ASSIST, PromptSelector.version(1)).version()).isEqualTo(1);
        assertThatThrownBy(() -> local.get(ASSIST, PromptSelector.version(4)))
                .isInstanceOf(PromptNotFoundException.class)
                .hasMessageContaining("version 4")
                .hasMessageContaining("the built-in copy is version 1");
    }

    @Test
    void selectsByTheLabelsAFileLists() throws IOException {
        writePrompt("p", """
                {"version":2,"type":"text","prompt":"t","labels":["staging"]}
                """);
        LocalPromptSource local = new LocalPromptSource(workspace);

        assertThat(local.get("p", PromptSelector.label("staging")).version()).isEqualTo(2);
        assertThatThrownBy(() -> local.get("p"))
                .isInstanceOf(PromptNotFoundException.class)
                .hasMessageContaining("prompts/p.json has labels [staging]");
    }

    @Test
    void aFileWithoutLabelsAnswersEveryLabel() throws IOException {
        writePrompt("p", "{\"version\":1,\"prompt\":\"t\"}");

        assertThat(new LocalPromptSource(workspace).get("p", PromptSelector.label("anything")).text()).isEqualTo("t");
    }

    @Test
    void unknownNameListsWhatIsAvailable() throws IOException {
        writePrompt("mine", "{\"version\":1,\"prompt\":\"t\"}");

        assertThatThrownBy(() -> new LocalPromptSource(workspace).get("nope"))
                .isInstanceOf(PromptNotFoundException.class)
                .hasMessageContaining("Prompt \"nope\" not found locally")
                .hasMessageContaining("Available: ")
                .hasMessageContaining(ASSIST)
                .hasMessageContaining("call_analysis")
                .hasMessageContaining("mine");
    }

    @Test
    void reportsInvalidJsonByFileName() throws IOException {
        writePrompt("broken", "{\"version\": 1, ");

        assertThatThrownBy(() -> new LocalPromptSource(workspace).get("broken"))
                .isInstanceOf(VaaException.class)
                .hasMessageStartingWith("prompts/broken.json is not valid JSON")
                .extracting(e -> ((VaaException) e).exitCode()).isEqualTo(VaaException.USAGE);
    }

    @Test
    void reportsAFileWithoutAVersion() throws IOException {
        writePrompt("nover", "{\"prompt\":\"t\"}");

        assertThatThrownBy(() -> new LocalPromptSource(workspace).get("nover"))
                .hasMessageContaining("prompts/nover.json cannot be used: 'version'");
    }

    @Test
    void refusesNamesThatWouldLeaveThePromptsDirectory() {
        LocalPromptSource local = new LocalPromptSource(workspace);

        assertThatThrownBy(() -> local.get("../secrets")).isInstanceOf(VaaException.class)
                .hasMessageContaining("cannot be a local file name");
        assertThatThrownBy(() -> local.get("/etc/passwd")).isInstanceOf(VaaException.class);
    }

    @Test
    void locatesLocalCopies() throws IOException {
        writePrompt("mine", "{\"version\":1,\"prompt\":\"t\"}");
        LocalPromptSource local = new LocalPromptSource(workspace);

        assertThat(local.locate("mine")).contains("prompts/mine.json");
        assertThat(local.locate(ASSIST)).contains("built-in");
        assertThat(local.locate("nope")).isEmpty();
    }
}
