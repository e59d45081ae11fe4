package vaa.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.VaaException;
import vaa.io.Env;
import vaa.io.MessageSink;
import vaa.llm.ModelCatalog;
import vaa.llm.ModelChoice;
import vaa.llm.ResolvedModel;

class ModelSetupTest {
    @TempDir
    Path workspace;

    @Test
    void theFirstRoleTheCatalogHasADefaultForIsUsed() throws Exception {
        Files.writeString(workspace.resolve(ModelCatalog.OVERRIDE_FILE), "{\"models\": {\"asker\": {\"provider\": \"openai\","
                + " \"model\": \"asker-1\"}}, \"defaults\": {\"ask\": \"asker\"}}");
        ModelSetup setup = ModelSetup.load(Env.of(Map.of("OPENAI_API_KEY", "k")), workspace, null, MessageSink.NONE);

        assertThat(setup.model(null, "ask", ModelCatalog.INSIGHTS).model().map(ResolvedModel::key)).contains("asker");
        assertThat(setup.model("asker", ModelCatalog.INSIGHTS).model().map(ResolvedModel::key)).contains("asker");
    }

    @Test
    void withoutADefaultForTheFirstRoleTheNextOneIsNamedInTheReason() {
        ModelChoice choice = ModelSetup.load(Env.of(Map.of()), workspace, null, MessageSink.NONE).model(null, "ask", ModelCatalog.INSIGHTS);

        assertThat(choice.model()).isEmpty();
        assertThat(choice.whyNone()).startsWith("no model configured: the default insights model");
    }

    @Test
    void thePromptSourceIsCheckedOnlyWhenAPromptIsNeeded() {
        ModelSetup setup = ModelSetup.load(Env.of(Map.of()), workspace, "ftp", MessageSink.NONE);

        assertThatThrownBy(setup::prompts).isInstanceOf(VaaException.class).hasMessageContaining("Unknown prompt source \"ftp\"");
    }

    @Test
    void aPromptWithoutANameIsTheCommandsOwn() {
        Prompt p = ModelSetup.load(Env.of(Map.of()), workspace, "local", MessageSink.NONE).prompt(null, "ask", null, null);

        assertThat(ModelSetup.describe(p)).containsExactly(Map.entry("name", "ask"), Map.entry("version", p.version()),
                Map.entry("source", "built-in"));
    }

    @Test
    void descriptionsNeverCarryCredentials() {
        ResolvedModel m = new ResolvedModel(ModelCatalog.builtIn().entry("1"), "https://user:secret@api.example.com/v1?key=sk-1",
                Optional.empty(), vaa.llm.RequestHeaders.NONE);

        assertThat(ModelSetup.describe(m)).containsKeys("key", "model", "provider", "base_url", "params")
                .containsEntry("base_url", "https://api.example.com/v1");
        assertThat(ModelSetup.describeBriefly(m).keySet()).containsExactly("key", "model", "provider", "host");
        assertThat(ModelSetup.describeBriefly(m)).containsEntry("host", "api.example.com");
        assertThat(ModelSetup.label(m)).isEqualTo("1 (openai/gpt-oss-120b via api.example.com)");
    }
}
