package vaa.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.VaaException;
import vaa.io.Env;
import vaa.io.MessageSink;
import vaa.testing.MessageLog;
import vaa.prompt.PromptSources.Mode;

class PromptSourcesTest {
    static final String SK = "sk-lf-do-not-print";

    @TempDir
    Path workspace;

    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private Env langfuseEnv(String hostVariable) {
        return Env.of(Map.of(
                "LANGFUSE_PUBLIC_KEY", "pk-lf-1",
                "LANGFUSE_SECRET_KEY", SK,
                hostVariable, server.url("/").toString()));
    }

    @Test
    void usesLocalPromptsWhenLangfuseIsNotConfigured() {
        PromptSource source = PromptSources.create(Env.of(Map.of()), workspace);

        assertThat(source.describe()).isEqualTo("local");
        assertThat(source.get("elg_b2c_objection_assist").source()).isEqualTo("built-in");
        assertThat(PromptSources.notice(Env.of(Map.of()), Mode.AUTO)).isEmpty();
    }

    @Test
    void usesLangfuseWhenKeysAndHostAreSet() {
        server.enqueue(new MockResponse().setBody("{\"name\":\"p\",\"version\":9,\"type\":\"text\",\"prompt\":\"t\"}"));

        PromptSource source = PromptSources.create(langfuseEnv("LANGFUSE_HOST"), workspace);

        assertThat(source.describe()).startsWith("langfuse http://").doesNotContain(SK);
        assertThat(source.get("p").version()).isEqualTo(9);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void acceptsLangfuseBaseUrlAsTheHost() {
        assertThat(PromptSources.create(langfuseEnv("LANGFUSE_BASE_URL"), workspace).describe())
                .startsWith("langfuse http://");
    }

    @Test
    void fetchesAPromptOnlyOncePerSource() {
        server.enqueue(new MockResponse().setBody("{\"name\":\"p\",\"version\":1,\"type\":\"text\",\"prompt\":\"t\"}"));
        PromptSource source = PromptSources.create(langfuseEnv("LANGFUSE_HOST"), workspace);

        source.get("p");
        source.get("p");

        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void localModeNeverContactsLangfuse() {
        PromptSource source = PromptSources.create(langfuseEnv("LANGFUSE_HOST"), workspace, Mode.LOCAL, vaa.io.MessageSink.NONE);

        assertThat(source.describe()).isEqualTo("local");
        source.get("elg_b2c_objection_assist");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void langfuseModeNamesTheMissingVariablesWithoutValues() {
        Env env = Env.of(Map.of("LANGFUSE_SECRET_KEY", SK));

        assertThatThrownBy(() -> PromptSources.create(env, workspace, Mode.LANGFUSE, vaa.io.MessageSink.NONE))
                .isInstanceOf(VaaException.class)
                .hasMessageContaining("LANGFUSE_PUBLIC_KEY")
                .hasMessageContaining("LANGFUSE_HOST (or LANGFUSE_BASE_URL)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SK).doesNotContain("LANGFUSE_SECRET_KEY"))
                .extracting(e -> ((VaaException) e).exitCode()).isEqualTo(VaaException.USAGE);
    }

    @Test
    void partialConfigurationFallsBackToLocalWithANotice() {
        Env env = Env.of(Map.of("LANGFUSE_PUBLIC_KEY", "pk", "LANGFUSE_SECRET_KEY", SK));

        assertThat(PromptSources.create(env, workspace).describe()).isEqualTo("local");
        assertThat(PromptSources.notice(env, Mode.AUTO)).hasValueSatisfying(n -> assertThat(n)
                .contains("LANGFUSE_HOST").doesNotContain(SK));
    }

    @Test
    void strictLangfuseDoesNotFallBackButPointsToTheLocalCopy() {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("{}"));
        PromptSource source = PromptSources.create(langfuseEnv("LANGFUSE_HOST"), workspace, Mode.LANGFUSE, MessageSink.NONE);

        assertThatThrownBy(() -> source.get("elg_b2c_objection_assist"))
                .isInstanceOf(PromptNotFoundException.class)
                .hasMessageContaining("not found in Langfuse at")
                .hasMessageContaining("A local copy exists (a built-in copy)")
                .hasMessageContaining("--prompt-source local");
    }

    @Test
    void theDefaultSourceUsesTheBuiltInCopyOfAPromptLangfuseLacksWithAWarning() {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("{}"));
        MessageLog log = new MessageLog();
        PromptSource source = PromptSources.create(langfuseEnv("LANGFUSE_HOST"), workspace, Mode.AUTO, log);

        Prompt p = source.get("insights");

        assertThat(p.source()).isEqualTo("built-in");
        assertThat(log.lines()).singleElement().asString().contains("Prompt \"insights\" not found in Langfuse", "using the built-in copy");
    }

    @Test
    void anUnreachableLangfuseIsSaidOnceAtTheProbeAndLocalFilesAreUsed() throws IOException {
        Env env = langfuseEnv("LANGFUSE_HOST");
        server.shutdown();
        MessageLog log = new MessageLog();
        PromptSource source = PromptSources.create(env, workspace, Mode.AUTO, log);

        source.probe();
        source.probe();

        assertThat(source.describe()).isEqualTo("local");
        assertThat(source.get("insights").source()).isEqualTo("built-in");
        assertThat(log.lines()).singleElement().asString().contains("Could not reach Langfuse", "local files").doesNotContain(SK);
    }

    @Test
    void aVersionOtherThanTheOneAskedIsRefused() {
        server.enqueue(new MockResponse().setBody("{\"name\":\"p\",\"version\":2,\"type\":\"text\",\"prompt\":\"t\"}"));
        PromptSource source = PromptSources.create(langfuseEnv("LANGFUSE_HOST"), workspace);

        assertThatThrownBy(() -> source.get("p", PromptSelector.of(null, 3)))
                .hasMessageContaining("answered prompt \"p\" version 2 when version 3 was asked");
    }

    @Test
    void missingEverywhereSaysOnlyThatItIsMissingInLangfuse() {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("{}"));
        PromptSource source = PromptSources.create(langfuseEnv("LANGFUSE_HOST"), workspace);

        assertThatThrownBy(() -> source.get("nowhere"))
                .isInstanceOf(PromptNotFoundException.class)
                .hasMessageNotContaining("local copy");
    }

    @Test
    void parsesTheModeOptionAndRefusesUnknownValues() {
        assertThat(Mode.parse("Local")).isEqualTo(Mode.LOCAL);
        assertThat(Mode.parse(null)).isEqualTo(Mode.AUTO);
        assertThatThrownBy(() -> Mode.parse("s3")).isInstanceOf(VaaException.class).hasMessageContaining("auto, langfuse or local");
    }

    @Test
    void selectorFromOptionsDefaultsToProductionAndRefusesBoth() {
        assertThat(PromptSelector.of(null, null)).isEqualTo(PromptSelector.production());
        assertThat(PromptSelector.of(null, 3).describe()).isEqualTo("version 3");
        assertThatThrownBy(() -> PromptSelector.of("staging", 3)).isInstanceOf(VaaException.class);
        assertThatThrownBy(() -> PromptSelector.version(0)).isInstanceOf(VaaException.class);
    }
}
