package vaa.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vaa.VaaException;
import vaa.io.Env;

class ModelCatalogTest {
    @TempDir
    Path workspace;

    private final ModelCatalog builtIn = ModelCatalog.builtIn();

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1 | groq      | openai/gpt-oss-120b                            | GPT-OSS 120B (Groq)
            2 | groq      | moonshotai/kimi-k2-instruct-0905               | Kimi K2 Instruct (Groq)
            3 | gemini    | gemini-3-flash-preview                         | Gemini 3 Flash (Minimal Thinking)
            4 | gemini    | gemini-3-flash-preview                         | Gemini 3 Flash (Low Thinking)
            5 | fireworks | accounts/fireworks/models/kimi-k2-thinking     | Kimi K2 Thinking (Fireworks)
            6 | fireworks | accounts/fireworks/models/kimi-k2-instruct-0905 | Kimi K2 Instruct (Fireworks)
            7 | gemini    | gemini-3-flash-preview                         | Gemini 3 Flash (Budget 1024 Thinking)
            8 | fireworks | accounts/fireworks/models/kimi-k2-thinking     | Kimi K2 Thinking (Fireworks, Budget 1024)
            9 | fireworks | accounts/fireworks/models/glm-4p7-flash        | GLM-4p7 Flash (Fireworks)
            """)
    void theSeedMenuIsBuiltIn(String key, String provider, String model, String label) {
        ModelEntry entry = builtIn.entry(key);
        assertThat(entry.provider()).isEqualTo(provider);
        assertThat(entry.model()).isEqualTo(model);
        assertThat(entry.label()).isEqualTo(label);
    }

    @Test
    void theMenuComesFirstInOrder() {
        assertThat(builtIn.entries().stream().limit(9).map(ModelEntry::key))
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    @Test
    void defaultsNameTheAssistAnalysisAndInsightsModels() {
        assertThat(builtIn.defaultFor(ModelCatalog.ASSIST)).contains("3");
        assertThat(builtIn.entry(builtIn.defaultFor(ModelCatalog.ANALYSIS).orElseThrow()).model())
                .isEqualTo("gemini-3-flash-preview");
        assertThat(builtIn.entry(builtIn.defaultFor(ModelCatalog.INSIGHTS).orElseThrow()).model())
                .isEqualTo("gemini-3-pro-preview");
    }

    @Test
    void seedParametersAreCarriedOver() {
        assertThat(builtIn.entry("1").params().toString())
                .isEqualTo("{\"temperature\":1,\"max_completion_tokens\":8192,\"top_p\":1}");
        assertThat(builtIn.entry("2").params().has("reasoning_effort")).isFalse();
        assertThat(builtIn.entry("3").params().path("reasoning_effort").asText()).isEqualTo("minimal");
        assertThat(builtIn.entry("4").params().path("reasoning_effort").asText()).isEqualTo("low");
        assertThat(builtIn.entry("5").params().path("max_tokens").asInt()).isEqualTo(32768);
        assertThat(builtIn.entry("6").params().path("top_k").asInt()).isEqualTo(40);
        assertThat(builtIn.entry("6").params().path("temperature").asDouble()).isEqualTo(0.6);
        assertThat(builtIn.entry("7").extraBody().at("/extra_body/google/thinking_config/thinking_budget").asInt())
                .isEqualTo(1024);
        assertThat(builtIn.entry("8").params().path("reasoning_effort").asInt()).isEqualTo(1024);
    }

    @Test
    void providersHaveTheirEndpointsAndKeyVariables() {
        assertThat(builtIn.entry("1").baseUrl()).isEqualTo("https://api.groq.com/openai/v1");
        assertThat(builtIn.entry("1").apiKeyEnv()).containsExactly("GROQ_API_KEY");
        assertThat(builtIn.entry("5").baseUrl()).isEqualTo("https://api.fireworks.ai/inference/v1");
        assertThat(builtIn.entry("3").baseUrl()).isEqualTo("https://generativelanguage.googleapis.com/v1beta/openai/");
        assertThat(builtIn.entry("3").apiKeyEnv()).containsExactly("GEMINI_API_KEY", "GOOGLE_API_KEY");
        assertThat(builtIn.entry("llama3.2").baseUrl()).isEqualTo("http://localhost:11434/v1");
        assertThat(builtIn.entry("llama3.2").needsKey()).isFalse();
    }

    @Test
    void resolveBindsBaseUrlAndKeyFromTheEnvironment() {
        ResolvedModel model = builtIn.resolve("3", Env.of(Map.of("GEMINI_API_KEY", "g-secret")));

        assertThat(model.baseUrl()).isEqualTo("https://generativelanguage.googleapis.com/v1beta/openai");
        assertThat(model.apiKey().orElseThrow().reveal()).isEqualTo("g-secret");
        assertThat(model.host()).isEqualTo("generativelanguage.googleapis.com");
    }

    @Test
    void googleApiKeyIsAcceptedForGemini() {
        ResolvedModel model = builtIn.resolve("3", Env.of(Map.of("GOOGLE_API_KEY", "google-secret")));

        assertThat(model.apiKey().orElseThrow().reveal()).isEqualTo("google-secret");
    }

    @Test
    void aMissingKeyNamesTheVariable() {
        assertThatThrownBy(() -> builtIn.resolve("1", Env.of(Map.of())))
                .isInstanceOfSatisfying(VaaException.class, e -> assertThat(e.exitCode()).isEqualTo(VaaException.USAGE))
                .hasMessage("GROQ_API_KEY is not set (model \"1\" uses provider groq). Set it in the environment or in .env");
        assertThatThrownBy(() -> builtIn.resolve("3", Env.of(Map.of())))
                .hasMessage("GEMINI_API_KEY (or GOOGLE_API_KEY) is not set (model \"3\" uses provider gemini). "
                        + "Set it in the environment or in .env");
    }

    @Test
    void openAiBaseUrlIsHonouredLikeTheOfficialSdks() {
        Env env = Env.of(Map.of("OPENAI_API_KEY", "sk-x", "OPENAI_BASE_URL", "http://localhost:8000/v1/"));

        assertThat(builtIn.resolve("gpt-4o-mini", env).baseUrl()).isEqualTo("http://localhost:8000/v1");
        assertThat(builtIn.resolve("openai:gpt-4.1", env).baseUrl()).isEqualTo("http://localhost:8000/v1");
        assertThat(builtIn.resolve("gpt-4o-mini", Env.of(Map.of("OPENAI_API_KEY", "sk-x"))).baseUrl())
                .isEqualTo("https://api.openai.com/v1");
    }

    @Test
    void aLocalServerNeedsNoKey() {
        ResolvedModel model = builtIn.resolve("llama3.2", Env.of(Map.of()));

        assertThat(model.apiKey()).isEmpty();
        assertThat(builtIn.keyPresent(builtIn.entry("llama3.2"), Env.of(Map.of()))).isTrue();
    }

    @Test
    void adHocProviderColonModelResolves() {
        ModelEntry openai = builtIn.entry("openai:gpt-4o-mini");
        ModelEntry ollama = builtIn.entry("ollama:llama3.2:3b");
        ModelEntry groq = builtIn.entry("groq:openai/gpt-oss-120b");

        assertThat(openai.model()).isEqualTo("gpt-4o-mini");
        assertThat(openai.provider()).isEqualTo("openai");
        assertThat(ollama.model()).isEqualTo("llama3.2:3b");
        assertThat(ollama.baseUrl()).isEqualTo("http://localhost:11434/v1");
        assertThat(groq.model()).isEqualTo("openai/gpt-oss-120b");
        assertThat(groq.params().path("max_completion_tokens").asInt()).isEqualTo(8192);
    }

    @Test
    void anUnknownKeyListsTheValidOnes() {
        assertThatThrownBy(() -> builtIn.entry("42"))
                .isInstanceOfSatisfying(VaaException.class, e -> assertThat(e.exitCode()).isEqualTo(VaaException.USAGE))
                .hasMessageContaining("Unknown model \"42\"")
                .hasMessageContaining("1, 2, 3, 4, 5, 6, 7, 8, 9, gemini-flash")
                .hasMessageContaining("<provider>:<model-id>");
        assertThatThrownBy(() -> builtIn.entry("nosuch:model")).hasMessageContaining("Unknown model");
    }

    @Test
    void keyPresenceIsReportedWithoutResolving() {
        Env env = Env.of(Map.of("GROQ_API_KEY", "gsk_x"));

        assertThat(builtIn.keyPresent(builtIn.entry("1"), env)).isTrue();
        assertThat(builtIn.keyPresent(builtIn.entry("3"), env)).isFalse();
    }

    @Test
    void theProjectFileAddsAndOverridesEntriesProvidersAndDefaults() throws IOException {
        Files.writeString(workspace.resolve(ModelCatalog.OVERRIDE_FILE), """
                {
                  "providers": {
                    "vllm": {"base_url": "http://gpu-box:8000/v1", "api_key_env": []}
                  },
                  "models": {
                    "qwen": {"label": "Qwen on the GPU box", "provider": "vllm", "model": "Qwen/Qwen2.5-7B-Instruct",
                             "params": {"temperature": 0}},
                    "1": {"params": {"temperature": 0.2, "top_p": null}},
                    "9": null
                  },
                  "defaults": {"analysis": "qwen"}
                }
                """);

        ModelCatalog catalog = ModelCatalog.load(workspace);

        ModelEntry qwen = catalog.entry("qwen");
        assertThat(qwen.baseUrl()).isEqualTo("http://gpu-box:8000/v1");
        assertThat(qwen.needsKey()).isFalse();
        assertThat(catalog.entry("1").params().path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(catalog.entry("1").params().has("top_p")).isFalse();
        assertThat(catalog.entry("1").params().path("max_completion_tokens").asInt()).isEqualTo(8192);
        assertThat(catalog.entry("1").label()).isEqualTo("GPT-OSS 120B (Groq)");
        assertThat(catalog.find("9")).isEmpty();
        assertThat(catalog.defaultFor(ModelCatalog.ANALYSIS)).contains("qwen");
        assertThat(catalog.defaultFor(ModelCatalog.ASSIST)).contains("3");
        assertThat(catalog.entry("vllm:other-model").baseUrl()).isEqualTo("http://gpu-box:8000/v1");
    }

    @Test
    void rateLimitsStatedForAProviderApplyToEachOfItsModelsUnlessTheModelStatesItsOwn() throws IOException {
        Files.writeString(workspace.resolve(ModelCatalog.OVERRIDE_FILE), """
                {
                  "providers": {"gemini": {"rpm": 10, "tpm": 250000}},
                  "models": {"gemini-pro": {"rpm": 5}}
                }
                """);

        ModelCatalog catalog = ModelCatalog.load(workspace);

        assertThat(catalog.entry("gemini-flash").limits()).isEqualTo(new StatedLimits(10, 250_000));
        assertThat(catalog.entry("gemini-pro").limits()).isEqualTo(new StatedLimits(5, 250_000));
        assertThat(catalog.entry("gemini:gemini-2.5-flash").limits()).isEqualTo(new StatedLimits(10, 250_000));
        assertThat(catalog.entry("1").limits()).isEqualTo(StatedLimits.NONE);
    }

    @Test
    void aRateLimitMustBeAWholePositiveNumber() throws IOException {
        Files.writeString(workspace.resolve(ModelCatalog.OVERRIDE_FILE), "{\"providers\": {\"groq\": {\"tpm\": \"lots\"}}}");

        assertThatThrownBy(() -> ModelCatalog.load(workspace))
                .isInstanceOfSatisfying(VaaException.class, e -> assertThat(e.exitCode()).isEqualTo(VaaException.USAGE))
                .hasMessageContaining("provider \"groq\": \"tpm\" must be a whole number of tokens per minute, not \"lots\"");

        Files.writeString(workspace.resolve(ModelCatalog.OVERRIDE_FILE), "{\"models\": {\"1\": {\"rpm\": 0.5}}}");
        assertThatThrownBy(() -> ModelCatalog.load(workspace)).hasMessageContaining("\"rpm\" must be a whole number of requests");
    }

    @Test
    void builtInModelsCarryListPricesAndTheirProvidersBatchDiscountWhileUnpricedOnesAreUnknown() {
        Prices mini = builtIn.entry("gpt-4o-mini").prices();
        assertThat(mini).isEqualTo(new Prices(0.15, 0.075, 0.60, 0.5));
        assertThat(builtIn.entry("9").prices().known()).isFalse();
        assertThat(builtIn.entry("openai:some-new-model").prices()).isEqualTo(Prices.UNKNOWN);
    }

    @Test
    void theProjectFileOverridesOnePriceAddsOneAndSetsABatchDiscount() throws IOException {
        Files.writeString(workspace.resolve(ModelCatalog.OVERRIDE_FILE), """
                {"providers": {"fireworks": {"batch_discount": 0.4}},
                 "models": {"gpt-4o-mini": {"price": {"output": 0.70}},
                            "9": {"price": {"input": 0.07, "output": 0.40}}}}""");
        ModelCatalog catalog = ModelCatalog.load(workspace);

        assertThat(catalog.entry("gpt-4o-mini").prices()).isEqualTo(new Prices(0.15, 0.075, 0.70, 0.5));
        assertThat(catalog.entry("9").prices()).isEqualTo(new Prices(0.07, null, 0.40, 0.4));
    }

    @Test
    void aPriceMustBeANumberAndABatchDiscountAFraction() throws IOException {
        Files.writeString(workspace.resolve(ModelCatalog.OVERRIDE_FILE), "{\"models\": {\"9\": {\"price\": {\"input\": \"cheap\"}}}}");
        assertThatThrownBy(() -> ModelCatalog.load(workspace)).hasMessageContaining("\"price\".input must be USD per million tokens");

        Files.writeString(workspace.resolve(ModelCatalog.OVERRIDE_FILE), "{\"providers\": {\"groq\": {\"batch_discount\": 50}}}");
        assertThatThrownBy(() -> ModelCatalog.load(workspace)).hasMessageContaining("\"batch_discount\" must be the fraction taken off");
    }

    @Test
    void withoutAProjectFileTheBuiltInsApply() {
        assertThat(ModelCatalog.load(workspace).entries()).hasSameSizeAs(builtIn.entries());
    }

    @Test
    void aBrokenProjectFileIsABadInputError() throws IOException {
        Files.writeString(workspace.resolve(ModelCatalog.OVERRIDE_FILE), "{\"models\": {\"x\": {\"provider\": \"nope\", \"model\": \"m\"}}}");
        assertThatThrownBy(() -> ModelCatalog.load(workspace))
                .isInstanceOfSatisfying(VaaException.class, e -> assertThat(e.exitCode()).isEqualTo(VaaException.USAGE))
                .hasMessageContaining("model \"x\": unknown provider \"nope\"");

        Files.writeString(workspace.resolve(ModelCatalog.OVERRIDE_FILE), "{ not json");
        assertThatThrownBy(() -> ModelCatalog.load(workspace)).hasMessageContaining("is not valid JSON");
    }

    @Test
    void aResolvedModelNeverShowsItsKey() {
        ResolvedModel model = builtIn.resolve("1", Env.of(Map.of("GROQ_API_KEY", "gsk_supersecret")));

        assertThat(model.toString()).doesNotContain("gsk_supersecret").contains("apiKey=***");
        assertThat(model.apiKey().orElseThrow().toString()).doesNotContain("supersecret");
        assertThat(vaa.io.Json.pretty(model)).doesNotContain("supersecret");
    }
}
