package vaa.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vaa.VaaException;
import vaa.llm.ChatMessage;

class LangfusePromptSourceTest {
    static final String PK = "pk-lf-test-public";
    static final String SK = "sk-lf-test-SECRET-value";

    static final String CHAT = """
            {"name":"assist","version":3,"type":"chat",
             "prompt":[{"role":"system","content":"Coach. State: {{state}}"},
                       {"role":"user","content":"{{new_transcript}}"}],
             "config":{"temperature":0.2},"labels":["production","latest"],"tags":["t"]}
            """;
    static final String TEXT = """
            {"name":"assist","version":2,"type":"text","prompt":"Decide: {{ new_transcript }}",
             "config":{},"labels":[],"tags":[]}
            """;

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

    private LangfusePromptSource source() {
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();
        return new LangfusePromptSource(LangfuseSettings.of(server.url("/").toString(), PK, SK), http, Duration.ZERO);
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    private RecordedRequest taken() throws InterruptedException {
        return server.takeRequest(1, TimeUnit.SECONDS);
    }

    @Test
    void fetchesAChatPromptByLabelWithPlainRoleContentMessages() throws Exception {
        server.enqueue(json(200, CHAT));

        Prompt p = source().get("assist", PromptSelector.label("staging"));

        assertThat(p.type()).isEqualTo(PromptType.CHAT);
        assertThat(p.version()).isEqualTo(3);
        assertThat(p.messages()).containsExactly(
                ChatMessage.system("Coach. State: {{state}}"), ChatMessage.user("{{new_transcript}}"));
        assertThat(p.config().get("temperature").doubleValue()).isEqualTo(0.2);
        assertThat(p.labels()).containsExactly("production", "latest");
        assertThat(p.source()).isEqualTo("langfuse " + server.url("/").toString().replaceAll("/$", ""));
        RecordedRequest r = taken();
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(r.getRequestUrl().encodedPath()).isEqualTo("/api/public/v2/prompts/assist");
        assertThat(r.getRequestUrl().queryParameter("label")).isEqualTo("staging");
        assertThat(r.getRequestUrl().queryParameter("version")).isNull();
    }

    @Test
    void asksForTheProductionLabelByDefault() throws Exception {
        server.enqueue(json(200, CHAT));

        source().get("assist");

        assertThat(taken().getRequestUrl().queryParameter("label")).isEqualTo("production");
    }

    @Test
    void fetchesATextPromptByVersionAndCompilesItToOneUserMessage() throws Exception {
        server.enqueue(json(200, TEXT));

        Prompt p = source().get("assist", PromptSelector.version(2));

        assertThat(p.type()).isEqualTo(PromptType.TEXT);
        assertThat(p.compile(Map.of("new_transcript", "Kunden: Det er for dyrt")))
                .containsExactly(ChatMessage.user("Decide: Kunden: Det er for dyrt"));
        RecordedRequest r = taken();
        assertThat(r.getRequestUrl().queryParameter("version")).isEqualTo("2");
        assertThat(r.getRequestUrl().queryParameter("label")).isNull();
    }

    @Test
    void fallsBackToTextWhenAChatPromptHoldsAString() {
        server.enqueue(json(200, """
                {"name":"assist","version":5,"type":"chat","prompt":"Just text {{x}}","labels":["production"]}
                """));

        Prompt p = source().get("assist");

        assertThat(p.type()).isEqualTo(PromptType.TEXT);
        assertThat(p.compile(Map.of("x", "1"))).containsExactly(ChatMessage.user("Just text 1"));
    }

    @Test
    void acceptsMessagesThatDoCarryATypeField() {
        server.enqueue(json(200, """
                {"name":"a","version":1,"type":"chat",
                 "prompt":[{"type":"chatmessage","role":"system","content":"S"}]}
                """));

        assertThat(source().get("a").messages()).containsExactly(ChatMessage.system("S"));
    }

    @Test
    void refusesMessagePlaceholdersWithAClearMessage() {
        server.enqueue(json(200, """
                {"name":"a","version":1,"type":"chat",
                 "prompt":[{"role":"system","content":"S"},{"type":"placeholder","name":"history"}]}
                """));

        assertThatThrownBy(() -> source().get("a"))
                .isInstanceOf(VaaException.class)
                .hasMessageContaining("placeholder")
                .hasMessageContaining("history")
                .extracting(e -> ((VaaException) e).exitCode()).isEqualTo(VaaException.USAGE);
    }

    @Test
    void sendsBasicAuthWithTheKeyPair() throws Exception {
        server.enqueue(json(200, CHAT));

        source().get("assist");

        assertThat(taken().getHeader("Authorization")).isEqualTo(Credentials.basic(PK, SK));
    }

    @Test
    void encodesFolderStyleNamesAsOnePathSegment() throws Exception {
        server.enqueue(json(200, CHAT));

        source().get("team/assist v2");

        assertThat(taken().getRequestUrl().encodedPath()).isEqualTo("/api/public/v2/prompts/team%2Fassist%20v2");
    }

    @Test
    void reportsAMissingPromptWithHostAndSelector() {
        server.enqueue(json(404, "{\"error\":\"LangfuseNotFoundError\",\"message\":\"Prompt not found\"}"));
        String host = server.url("/").toString().replaceAll("/$", "");

        assertThatThrownBy(() -> source().get("x"))
                .isInstanceOf(PromptNotFoundException.class)
                .hasMessage("Prompt \"x\" not found in Langfuse at " + host + " (label production)")
                .extracting(e -> ((VaaException) e).exitCode()).isEqualTo(VaaException.USAGE);
    }

    @Test
    void saysTheKeysWereRejectedWithoutShowingThem() {
        server.enqueue(json(401, "{\"message\":\"Invalid credentials\"}"));

        assertThatThrownBy(() -> source().get("x"))
                .isInstanceOf(VaaException.class)
                .hasMessageContaining("rejected the API keys")
                .hasMessageContaining("LANGFUSE_PUBLIC_KEY")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PK).doesNotContain(SK)
                        .doesNotContain(Credentials.basic(PK, SK).substring(6)));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void retriesServerErrorsAndRateLimitsThenSucceeds() {
        server.enqueue(json(503, "busy"));
        server.enqueue(json(429, "slow down"));
        server.enqueue(json(200, CHAT));

        assertThat(source().get("assist").version()).isEqualTo(3);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void givesUpAfterABoundedNumberOfAttempts() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(json(500, "{\"message\":\"boom\"}"));
        }

        assertThatThrownBy(() -> source().get("assist"))
                .isInstanceOf(VaaException.class)
                .hasMessageContaining("HTTP 500")
                .extracting(e -> ((VaaException) e).exitCode()).isEqualTo(VaaException.FAILURE);
        assertThat(server.getRequestCount()).isEqualTo(LangfusePromptSource.MAX_ATTEMPTS);
    }

    @Test
    void namesTheHostWhenItCannotBeReached() throws IOException {
        String host = server.url("/").toString().replaceAll("/$", "");
        LangfusePromptSource source = source();
        server.shutdown();

        assertThatThrownBy(() -> source.get("assist"))
                .isInstanceOf(VaaException.class)
                .hasMessageStartingWith("Could not reach Langfuse at " + host)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SK))
                .extracting(e -> ((VaaException) e).exitCode()).isEqualTo(VaaException.FAILURE);
    }

    @Test
    void reportsAnAnswerThatIsNotJson() {
        server.enqueue(new MockResponse().setBody("<html>proxy login</html>"));

        assertThatThrownBy(() -> source().get("assist")).hasMessageContaining("not JSON");
    }

    @Test
    void cachedSourceFetchesEachPromptOnce() {
        server.enqueue(json(200, CHAT));
        server.enqueue(json(200, TEXT));
        PromptSource cached = new CachingPromptSource(source());

        Prompt first = cached.get("assist");
        Prompt second = cached.get("assist", PromptSelector.production());
        Prompt other = cached.get("assist", PromptSelector.version(2));

        assertThat(second).isSameAs(first);
        assertThat(other.version()).isEqualTo(2);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void cachedSourceDoesNotRememberFailures() {
        server.enqueue(json(404, "{}"));
        server.enqueue(json(200, CHAT));
        PromptSource cached = new CachingPromptSource(source());

        assertThatThrownBy(() -> cached.get("assist")).isInstanceOf(PromptNotFoundException.class);
        assertThat(cached.get("assist").version()).isEqualTo(3);
    }

    @Test
    void describesItselfByHostOnly() {
        assertThat(source().describe()).startsWith("langfuse http://").doesNotContain(PK).doesNotContain(SK);
        assertThat(LangfuseSettings.of("https://u:p@h.example/", PK, SK).toString())
                .doesNotContain(SK).doesNotContain("u:p");
    }
}
