package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vaa.AppContext;
import vaa.Vaa;
import vaa.io.Env;
import vaa.io.Json;

class ModelsCommandTest {
    private static final String GROQ_KEY = "gsk_live_TOPSECRET_123456";
    private static final String GEMINI_KEY = "AIzaSy_TOPSECRET_abcdef";

    @TempDir
    Path ws;

    private record Result(int code, String out, String err) {}

    private Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (AppContext ctx = AppContext.forTest(ws, Env.of(env), Clock.systemUTC(), Optional.empty(), null)) {
            PrintWriter o = new PrintWriter(out, true);
            PrintWriter e = new PrintWriter(err, true);
            CommandLine cl = Vaa.commandLine(ctx, o, e);
            // until the root lists it among its subcommands; writers set again so the new subcommand gets them
            if (!cl.getSubcommands().containsKey("models")) {
                cl.addSubcommand(new ModelsCommand());
                cl.setOut(o);
                cl.setErr(e);
            }
            return new Result(cl.execute(args), out.toString(), err.toString());
        }
    }

    @Test
    void listsEveryModelWithWhetherItsKeyIsSetButNeverTheKey() {
        Result r = run(Map.of("GROQ_API_KEY", GROQ_KEY, "GEMINI_API_KEY", GEMINI_KEY), "models", "list");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("KEY", "LABEL", "PROVIDER", "MODEL", "BASE URL", "KEY SET")
                .contains("GPT-OSS 120B (Groq)", "openai/gpt-oss-120b", "https://api.groq.com/openai/v1")
                .contains("Kimi K2 Thinking (Fireworks, Budget 1024)");
        assertThat(line(r.out(), "GPT-OSS 120B")).contains(" yes");
        assertThat(line(r.out(), "Kimi K2 Instruct (Fireworks)")).contains(" no");
        assertThat(line(r.out(), "Llama 3.2 (local Ollama)")).contains("not needed");
        assertThat(line(r.out(), "Gemini 3 Flash (Minimal Thinking)")).contains("assist");
        assertThat(r.out() + r.err()).doesNotContain(GROQ_KEY).doesNotContain(GEMINI_KEY).doesNotContain("TOPSECRET");
    }

    @Test
    void eachModelShowsItsListPriceOrUnknown() throws Exception {
        Result r = run(Map.of(), "models", "list");
        assertThat(r.out()).contains("PRICE").contains("$0.15 / $0.60 per 1M tokens (cached $0.075)")
                .containsPattern("glm-4p7-flash .*unknown");
        JsonNode json = Json.MAPPER.readTree(run(Map.of(), "models", "list", "--json").out());
        for (JsonNode m : json.get("models")) {
            if (m.get("key").asText().equals("gpt-4o-mini")) {
                assertThat(m.at("/price_usd_per_1m_tokens/cached_input").asDouble()).isEqualTo(0.075);
                assertThat(m.at("/price_usd_per_1m_tokens/batch_discount").asDouble()).isEqualTo(0.5);
            } else if (m.get("key").asText().equals("9")) {
                assertThat(m.get("price_usd_per_1m_tokens").isNull()).isTrue();
            }
        }
    }

    @Test
    void eachModelSaysWhetherItsProviderHasABatchApi() throws Exception {
        Result r = run(Map.of(), "models", "list");
        assertThat(r.out()).contains("BATCH");
        assertThat(line(r.out(), "GPT-4o mini (OpenAI)")).containsPattern(" yes +\\$0.15");
        assertThat(line(r.out(), "Llama 3.2 (local Ollama)")).containsPattern(" - +\\$0.00");
        JsonNode json = Json.MAPPER.readTree(run(Map.of(), "models", "list", "--json").out());
        for (JsonNode m : json.get("models")) {
            boolean expected = m.get("provider").asText().equals("openai") || m.get("provider").asText().equals("groq");
            assertThat(m.get("batch_api").asBoolean()).as(m.get("key").asText()).isEqualTo(expected);
        }
    }

    @Test
    void jsonOutputCarriesPresenceAndDefaultsButNoKeyValues() throws Exception {
        Result r = run(Map.of("GROQ_API_KEY", GROQ_KEY), "models", "list", "--json");

        assertThat(r.code()).isZero();
        assertThat(r.out()).doesNotContain(GROQ_KEY).doesNotContain("TOPSECRET");
        JsonNode json = Json.MAPPER.readTree(r.out());
        JsonNode first = json.path("models").get(0);
        assertThat(first.path("key").asText()).isEqualTo("1");
        assertThat(first.path("key_present").asBoolean()).isTrue();
        assertThat(first.path("base_url").asText()).isEqualTo("https://api.groq.com/openai/v1");
        assertThat(json.path("models").get(2).path("default_for").get(0).asText()).isEqualTo("assist");
        assertThat(json.path("defaults").path("insights").asText()).isEqualTo("gemini-pro");
    }

    @Test
    void theProjectFileAndOpenAiBaseUrlShowUp() throws Exception {
        Files.writeString(ws.resolve("vaa-models.json"),
                "{\"models\": {\"mine\": {\"label\": \"My model\", \"provider\": \"openai\", \"model\": \"gpt-4.1\"}}}");

        Result r = run(Map.of("OPENAI_BASE_URL", "http://proxy.local/v1"), "models", "list");

        assertThat(line(r.out(), "My model")).contains("gpt-4.1", "http://proxy.local/v1", " no");
    }

    @Test
    void aBrokenProjectFileIsReportedWithExitTwo() throws Exception {
        Files.writeString(ws.resolve("vaa-models.json"), "{ nope");

        Result r = run(Map.of(), "models", "list");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("vaa-models.json is not valid JSON");
    }

    private static String line(String out, String containing) {
        return out.lines().filter(l -> l.contains(containing)).findFirst().orElseThrow(
                () -> new AssertionError("no line with " + containing + " in:\n" + out));
    }
}
