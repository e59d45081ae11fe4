package vaa.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vaa.llm.FakeOpenAi.answer;
import static vaa.llm.FakeOpenAi.hello;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.VaaException;
import vaa.io.Env;
import vaa.io.Json;

/** A provider's "auth" and "headers" in vaa-models.json, as the server receives them. */
class ProviderAuthTest {
    @TempDir
    Path workspace;

    /** Started on first use of its URL. */
    private final MockWebServer server = new MockWebServer();

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private ModelCatalog catalog(String providers) throws IOException {
        Files.writeString(workspace.resolve(ModelCatalog.OVERRIDE_FILE), "{\"providers\": " + providers + "}");
        return ModelCatalog.load(workspace);
    }

    private RecordedRequest call(ModelCatalog catalog, String key, Map<String, String> env) throws Exception {
        server.enqueue(answer("ok"));
        try (LlmRuntime runtime = new LlmRuntime(FakeOpenAi.fastOptions())) {
            runtime.open(catalog.resolve(key, Env.of(env))).complete(hello());
        }
        return server.takeRequest();
    }

    @Test
    void azureApiKeyIsSentAsApiKeyAndNeverAsAuthorization() throws Exception {
        ModelCatalog catalog = catalog("{\"azure\": {\"base_url\": \"" + server.url("/openai/v1") + "\","
                + " \"api_key_env\": [\"AZURE_OPENAI_API_KEY\"], \"auth\": \"azure-api-key\"}}");

        RecordedRequest request = call(catalog, "azure:my-gpt-4o", Map.of("AZURE_OPENAI_API_KEY", "azure-secret-1"));

        assertThat(request.getHeader("api-key")).isEqualTo("azure-secret-1");
        assertThat(request.getHeader("Authorization")).isNull();
        assertThat(request.getPath()).isEqualTo("/openai/v1/chat/completions");
        assertThat(FakeOpenAi.body(request).path("model").asText()).isEqualTo("my-gpt-4o");
    }

    @Test
    void anAzureResourceUrlGetsTheDeploymentPathAndTheConfiguredApiVersion() throws Exception {
        ModelCatalog catalog = catalog("{\"azure\": {\"base_url\": \"http://contoso.openai.azure.com\","
                + " \"api_key_env\": [\"AZURE_OPENAI_API_KEY\"], \"auth\": \"azure-api-key\", \"api_version\": \"2024-06-01\"}}");
        ProxySelector previous = ProxySelector.getDefault();
        // the resource's host is not resolvable here: every request goes to the mock server as to a proxy
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(server.getHostName(), server.getPort())));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                throw new IllegalStateException("proxy unreachable", ioe);
            }
        });
        try {
            RecordedRequest request = call(catalog, "azure:gpt4o-deployment", Map.of("AZURE_OPENAI_API_KEY", "azure-secret-2"));

            assertThat(request.getRequestLine()).isEqualTo("POST http://contoso.openai.azure.com/openai/deployments/gpt4o-deployment"
                    + "/chat/completions?api-version=2024-06-01 HTTP/1.1");
            assertThat(request.getHeader("api-key")).isEqualTo("azure-secret-2");
            assertThat(request.getHeader("Authorization")).isNull();
        } finally {
            ProxySelector.setDefault(previous);
        }
    }

    @Test
    void headersAreSentWithVariablesFilledInNextToTheBearerKey() throws Exception {
        ModelCatalog catalog = catalog("{\"openrouter\": {\"base_url\": \"" + server.url("/api/v1") + "\","
                + " \"api_key_env\": [\"OPENROUTER_API_KEY\"],"
                + " \"headers\": {\"HTTP-Referer\": \"${OPENROUTER_SITE}\", \"X-Title\": \"vaa (${TEAM} team)\"}}}");

        RecordedRequest request = call(catalog, "openrouter:openai/gpt-4o-mini",
                Map.of("OPENROUTER_API_KEY", "or-key", "OPENROUTER_SITE", "https://calls.example.com", "TEAM", "support"));

        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer or-key");
        assertThat(request.getHeader("HTTP-Referer")).isEqualTo("https://calls.example.com");
        assertThat(request.getHeader("X-Title")).isEqualTo("vaa (support team)");
    }

    @Test
    void authNoneSendsNoCredentialAsksForNoKeyAndLetsAHeaderCarryTheGatewaysOwn() throws Exception {
        ModelCatalog catalog = catalog("{\"gateway\": {\"base_url\": \"" + server.url("/v1") + "\", \"auth\": \"none\","
                + " \"api_key_env\": [\"NEVER_SET\"], \"headers\": {\"Authorization\": \"Basic ${GATEWAY_TOKEN}\"}}}");

        RecordedRequest request = call(catalog, "gateway:llama", Map.of("GATEWAY_TOKEN", "dXNlcjpwYXNz"));

        assertThat(request.getHeaders().values("Authorization")).containsExactly("Basic dXNlcjpwYXNz");
        assertThat(request.getHeader("api-key")).isNull();
    }

    @Test
    void aKeylessLocalServerGetsNoAuthorizationHeader() throws Exception {
        ModelCatalog catalog = catalog("{\"local\": {\"base_url\": \"" + server.url("/v1") + "\", \"api_key_env\": []}}");

        assertThat(call(catalog, "local:llama3.2", Map.of()).getHeader("Authorization")).isNull();
    }

    @Test
    void aHeaderVariableThatIsNotSetIsNamedAndHeaderValuesNeverShow() throws Exception {
        ModelCatalog catalog = catalog("{\"corp\": {\"base_url\": \"http://proxy.corp/v1\", \"api_key_env\": [\"CORP_KEY\"],"
                + " \"headers\": {\"X-Proxy-Token\": \"${CORP_PROXY_TOKEN}\"}}}");

        assertThatThrownBy(() -> catalog.resolve("corp:m", Env.of(Map.of("CORP_KEY", "k"))))
                .isInstanceOfSatisfying(VaaException.class, e -> assertThat(e.exitCode()).isEqualTo(VaaException.USAGE))
                .hasMessage("Header \"X-Proxy-Token\" of provider corp uses ${CORP_PROXY_TOKEN}, which is not set."
                        + " Set it in the environment or in .env");
        ResolvedModel model = catalog.resolve("corp:m", Env.of(Map.of("CORP_KEY", "k", "CORP_PROXY_TOKEN", "tok-very-secret")));
        assertThat(model.toString()).contains("X-Proxy-Token").doesNotContain("tok-very-secret");
        assertThat(Json.pretty(model)).doesNotContain("tok-very-secret");
    }

    @Test
    void aProviderMessageEchoingAHeaderVariableIsScrubbed() throws Exception {
        ModelCatalog catalog = catalog("{\"gateway\": {\"base_url\": \"" + server.url("/v1") + "\", \"auth\": \"none\","
                + " \"headers\": {\"X-Gateway-Token\": \"${GATEWAY_TOKEN}\"}}}");
        server.enqueue(FakeOpenAi.error(403, "token gw-0123456789 is not allowed here"));

        try (LlmRuntime runtime = new LlmRuntime(FakeOpenAi.fastOptions())) {
            LlmClient client = runtime.open(catalog.resolve("gateway:m", Env.of(Map.of("GATEWAY_TOKEN", "gw-0123456789"))));
            assertThatThrownBy(() -> client.complete(hello()))
                    .hasMessageContaining("token [redacted] is not allowed here")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("gw-0123456789"));
        }
    }

    @Test
    void aMistakeInAuthOrHeadersIsABadInputErrorSayingWhatIsAllowed() {
        assertThatThrownBy(() -> catalog("{\"p\": {\"base_url\": \"http://h/v1\", \"auth\": \"basic\"}}"))
                .hasMessageContaining("provider \"p\": \"auth\" must be one of bearer | azure-api-key | none");
        assertThatThrownBy(() -> catalog("{\"p\": {\"base_url\": \"http://h/v1\", \"api_key_env\": \"K\","
                + " \"headers\": {\"authorization\": \"Bearer x\"}}}"))
                .hasMessageContaining("header \"authorization\" carries the key with \"auth\": \"bearer\"");
        assertThatThrownBy(() -> catalog("{\"p\": {\"base_url\": \"http://h/v1\", \"auth\": \"azure-api-key\"}}"))
                .hasMessageContaining("needs \"api_key_env\"");
        assertThatThrownBy(() -> catalog("{\"p\": {\"base_url\": \"http://h/v1\", \"headers\": {\"Bad Name\": \"v\"}}}"))
                .hasMessageContaining("\"Bad Name\" is not a valid HTTP header name");
        assertThatThrownBy(() -> catalog("{\"p\": {\"base_url\": \"http://h/v1\", \"headers\": {\"X-N\": 3}}}"))
                .hasMessageContaining("header \"X-N\" must be a string");
    }

    @Test
    void aHeaderValueHttpCannotCarryIsRefusedWithoutQuotingIt() throws Exception {
        ModelCatalog catalog = catalog("{\"p\": {\"base_url\": \"http://h/v1\", \"headers\": {\"X-T\": \"${T}\"}}}");

        assertThatThrownBy(() -> catalog.resolve("p:m", Env.of(Map.of("T", "line1\nsecret-line2"))))
                .hasMessage("Header \"X-T\" of provider p has a character HTTP headers cannot carry (position 6)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    }
}
