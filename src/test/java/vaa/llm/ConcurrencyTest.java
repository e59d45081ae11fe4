package vaa.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static vaa.llm.FakeOpenAi.KEY;
import static vaa.llm.FakeOpenAi.answer;
import static vaa.llm.FakeOpenAi.error;
import static vaa.llm.FakeOpenAi.hello;
import static vaa.llm.FakeOpenAi.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
    private MockWebServer server;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    /** Counts requests being handled at the same time; each takes ~80 ms. */
    private void serve(java.util.function.IntFunction<MockResponse> responseForRequestNumber) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                int now = inFlight.incrementAndGet();
                maxInFlight.accumulateAndGet(now, Math::max);
                try {
                    Thread.sleep(80);
                    return responseForRequestNumber.apply(requests.incrementAndGet());
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        });
    }

    private void runConcurrently(LlmClient client, int calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        try {
            List<Future<LlmResponse>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                futures.add(pool.submit(() -> client.complete(hello())));
            }
            for (Future<LlmResponse> f : futures) {
                assertThat(f.get().content()).isEqualTo("ok");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void neverMoreThanWorkersRequestsInFlightPerProvider() throws Exception {
        serve(n -> answer("ok"));
        try (LlmRuntime runtime = FakeOpenAi.runtime(FakeOpenAi.fastOptions().withWorkers(3), new FakeOpenAi.RecordingSleeper())) {
            runConcurrently(runtime.open(model(server, KEY)), 12);
        }

        assertThat(requests.get()).isEqualTo(12);
        assertThat(maxInFlight.get()).isEqualTo(3);
    }

    @Test
    void clientsOfTheSameProviderShareTheBound() throws Exception {
        serve(n -> answer("ok"));
        try (LlmRuntime runtime = FakeOpenAi.runtime(FakeOpenAi.fastOptions().withWorkers(2), new FakeOpenAi.RecordingSleeper())) {
            LlmClient a = runtime.open(model(server, KEY));
            LlmClient b = runtime.open(model(server, "another-key"));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<LlmResponse>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                LlmClient c = i % 2 == 0 ? a : b;
                futures.add(pool.submit(() -> c.complete(hello())));
            }
            for (Future<LlmResponse> f : futures) {
                f.get();
            }
            pool.shutdownNow();
        }

        assertThat(maxInFlight.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void rateLimitsShrinkTheLimitAndSuccessesGrowItBack() throws Exception {
        // the first two attempts are refused (two separate congestion signals), the rest succeed
        serve(n -> n <= 2 ? error(429, "slow down").setHeader("Retry-After", "0") : answer("ok"));
        try (LlmRuntime runtime = FakeOpenAi.runtime(FakeOpenAi.fastOptions().withWorkers(8), new FakeOpenAi.RecordingSleeper())) {
            LlmClient client = runtime.open(model(server, KEY));

            client.complete(hello());
            assertThat(runtime.currentLimit("groq")).isEqualTo(2);

            for (int i = 0; i < 6; i++) {
                client.complete(hello());
            }
            assertThat(runtime.currentLimit("groq")).isEqualTo(4);
        }
    }
}
