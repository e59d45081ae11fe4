package vaa.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static vaa.llm.FakeOpenAi.KEY;
import static vaa.llm.FakeOpenAi.answer;
import static vaa.llm.FakeOpenAi.error;
import static vaa.llm.FakeOpenAi.hello;
import static vaa.llm.FakeOpenAi.model;

import java.io.IOException;
import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vaa.io.Json;

/** Pacing end to end: a server that sends rate-limit headers, the client's waits on a fake clock. */
class PacingTest {
    private MockWebServer server;
    private FakeOpenAi.RecordingSleeper sleeper;
    private LlmRuntime runtime;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        sleeper = new FakeOpenAi.RecordingSleeper();
        runtime = FakeOpenAi.runtime(FakeOpenAi.fastOptions().withWorkers(8), sleeper);
    }

    @AfterEach
    void stop() throws IOException {
        runtime.close();
        server.shutdown();
    }

    private static MockResponse withRequestBudget(MockResponse response, long limit, long remaining, String reset) {
        return response.setHeader("x-ratelimit-limit-requests", limit)
                .setHeader("x-ratelimit-remaining-requests", remaining)
                .setHeader("x-ratelimit-reset-requests", reset);
    }

    @Test
    void farFromTheLimitNoRequestWaits() {
        LlmClient client = runtime.open(model(server, KEY));
        for (int i = 0; i < 5; i++) {
            server.enqueue(withRequestBudget(answer("ok"), 600, 599 - i, "100ms"));
        }

        for (int i = 0; i < 5; i++) {
            client.complete(hello());
        }

        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void onceTheBudgetIsSpentRequestsLeaveAtTheRateTheHeadersDescribe() {
        LlmClient client = runtime.open(model(server, KEY));
        // 11 used of 11, whole again in 1 s: 10 a second (see Pacer on the rounding)
        for (int i = 0; i < 3; i++) {
            server.enqueue(withRequestBudget(answer("ok"), 11, 0, "1s"));
        }

        for (int i = 0; i < 3; i++) {
            client.complete(hello());
        }

        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100));
    }

    @Test
    void everyClientOfTheSameModelAndKeySharesThePace() {
        LlmClient a = runtime.open(model(server, KEY));
        LlmClient b = runtime.open(model(server, KEY));
        LlmClient otherKey = runtime.open(model(server, "sk-another-key-0123456789"));
        for (int i = 0; i < 3; i++) {
            server.enqueue(withRequestBudget(answer("ok"), 11, 0, "1s"));
        }

        a.complete(hello());
        b.complete(hello());
        otherKey.complete(hello());

        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void aRateLimitWithHeadersIsPacedAndRetriedWithoutCuttingTheRequestsInFlight() {
        LlmClient client = runtime.open(model(server, KEY));
        server.enqueue(withRequestBudget(error(429, "slow down"), 11, 0, "1s").setHeader("retry-after-ms", "100"));
        server.enqueue(withRequestBudget(answer("ok"), 11, 0, "1s"));

        assertThat(client.complete(hello()).content()).isEqualTo("ok");

        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(100));
        assertThat(runtime.currentLimit("groq")).isEqualTo(8);
    }

    @Test
    void aBatchRequestIsPacedByTheHeadersAndRetriedAfterA429LikeAStreamedOne() {
        LlmClient client = runtime.open(model(server, KEY));
        server.enqueue(withRequestBudget(error(429, "slow down"), 11, 0, "1s").setHeader("retry-after-ms", "100"));
        server.enqueue(withRequestBudget(FakeOpenAi.whole("ok"), 11, 0, "1s"));
        server.enqueue(withRequestBudget(FakeOpenAi.whole("ok"), 11, 0, "1s"));

        assertThat(client.complete(hello().unstreamed()).content()).isEqualTo("ok");
        assertThat(client.complete(hello().unstreamed()).content()).isEqualTo("ok");

        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100));
    }

    @Test
    void withoutHeadersA429StillCutsTheRequestsInFlight() {
        LlmClient client = runtime.open(model(server, KEY));
        server.enqueue(error(429, "slow down").setHeader("retry-after-ms", "100"));
        server.enqueue(answer("ok"));

        client.complete(hello());

        assertThat(runtime.currentLimit("groq")).isEqualTo(4);
    }

    @Test
    void aStatedLimitPacesAProviderThatSendsNoHeaders() {
        ResolvedModel base = model(server, KEY);
        ModelEntry e = base.entry();
        ModelEntry limited = new ModelEntry(e.key(), e.label(), e.provider(), e.model(), e.baseUrl(), e.apiKeyEnv(), e.params(),
                e.extraBody(), e.jsonSchema(), e.auth(), e.headers(), e.apiVersion(), new StatedLimits(30, 0));
        LlmClient client = runtime.open(new ResolvedModel(limited, base.baseUrl(), base.apiKey(), base.headers()));
        for (int i = 0; i < 3; i++) {
            server.enqueue(answer("ok"));
        }

        for (int i = 0; i < 3; i++) {
            client.complete(hello());
        }

        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void aPromptsTokensAreEstimatedFromItsTextAndSchemaAndItsOutputFromItsLimit() {
        ResolvedModel groq = model(server, KEY);   // groq's catalog params allow 8192 completion tokens
        LlmRequest request = LlmRequest.of(ChatMessage.system("x".repeat(400)), ChatMessage.user("y".repeat(84)));
        LlmRequest structured = request.withResponseFormat(new ResponseFormat("r",
                Json.MAPPER.createObjectNode().put("type", "object").put("description", "z".repeat(366)), true));

        // (400 + 84 + 2 messages × 16) / 4 = 129
        assertThat(ChatRequests.estimatedPromptTokens(groq, request)).isEqualTo(129);
        // the schema is {"type":"object","description":"zzz…"}: 400 characters
        assertThat(ChatRequests.estimatedPromptTokens(groq, structured)).isEqualTo(129 + 100);
        assertThat(ChatRequests.allowedOutputTokens(ChatRequests.toParams(groq, request))).isEqualTo(8192);
        LlmRequest capped = request.withParam("max_completion_tokens", 1000);
        assertThat(ChatRequests.allowedOutputTokens(ChatRequests.toParams(groq, capped))).isEqualTo(1000);
    }
}
