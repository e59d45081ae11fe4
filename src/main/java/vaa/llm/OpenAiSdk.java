package vaa.llm;

import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.LogLevel;
import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import vaa.io.Json;

/** The openai-java client for a resolved model: its base URL, how the key is sent, its extra headers. */
final class OpenAiSdk {
    private OpenAiSdk() {}

    /** The SDK client and the OkHttp client under it, which the SDK only borrows and so does not close. */
    record Client(OpenAIClient sdk, OkHttpClient http) implements AutoCloseable {
        @Override
        public void close() {
            sdk.close();
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /** Models with the same identity share one client (and so one connection pool); no secret appears in it. */
    static String identity(ResolvedModel model) {
        Map<String, String> headers = new TreeMap<>(model.headers().reveal());
        return String.join("\n", model.baseUrl(), model.entry().auth().configName(), String.valueOf(model.entry().apiVersion()),
                model.apiKey().map(k -> ResponseCache.sha256(k.reveal())).orElse("-"), ResponseCache.sha256(headers.toString()));
    }

    static Client build(ResolvedModel model, LlmOptions options) {
        return build(model, options, SocketFactory.getDefault());
    }

    /** {@code sockets} makes the client's plain sockets (TLS is layered over them); TCP_NODELAY is set on each. */
    static Client build(ResolvedModel model, LlmOptions options, SocketFactory sockets) {
        warmUp(model.host());
        return client(model, options, sockets);
    }

    private static Client client(ResolvedModel model, LlmOptions options, SocketFactory sockets) {
        OkHttpClient http = http(model, options, sockets);
        OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder()
                .okHttpClient(http)
                .jsonMapper(SdkJson.MAPPER)
                .baseUrl(model.baseUrl())
                .maxRetries(0)
                // the SDK would otherwise follow OPENAI_LOG and print prompts, answers and headers to the terminal
                .logLevel(LogLevel.OFF)
                .timeout(Timeout.builder()
                        .connect(options.connectTimeout())
                        .read(options.readTimeout())
                        .write(options.readTimeout())
                        .request(options.requestTimeout())
                        .build());
        String key = model.apiKey().map(ApiKey::reveal).orElse(null);
        if (model.entry().auth() == Auth.AZURE_API_KEY) {
            builder.credential(AzureApiKeyCredential.create(key));
        } else if (model.entry().auth() == Auth.BEARER && key != null) {
            builder.apiKey(key);
        } else {
            // the SDK insists on a credential; with none to send, its Authorization header is taken off again
            builder.apiKey("unused").removeHeaders("Authorization");
        }
        if (model.entry().apiVersion() != null) {
            builder.azureServiceVersion(AzureOpenAIServiceVersion.fromString(model.entry().apiVersion()));
        }
        model.headers().reveal().forEach(builder::replaceHeaders);
        return new Client(builder.build(), http);
    }

    /**
     * What the SDK builder would make, plus: TCP_NODELAY on every socket (see {@link NoDelaySockets}); an idle
     * connection kept per worker, where OkHttp's default of 5 would close the rest after every wave and open them
     * again (a TLS handshake each); no TLS set-up at all (the JDK's trust store is parsed on it) for a plain
     * http:// server such as a local model.
     */
    static OkHttpClient http(ResolvedModel model, LlmOptions options, SocketFactory sockets) {
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .socketFactory(new NoDelaySockets(sockets))
                .followRedirects(false)
                .followSslRedirects(false)
                .addNetworkInterceptor(new RequestClock())
                .connectionPool(new ConnectionPool(Math.max(5, options.workers()), 5, TimeUnit.MINUTES));
        if (model.baseUrl().regionMatches(true, 0, "http://", 0, "http://".length())) {
            b.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        }
        return b.build();
    }

    private static final FutureTask<Void> WARM_UP = new FutureTask<>(OpenAiSdk::warmUpNow, null);

    /** Which answers the warm-up prepares for: null for both (a process that did not say, e.g. the archive's training). */
    private static volatile Boolean warmStreamed;

    /**
     * Starts the {@linkplain #warmUp warm-up} on a thread of its own, to overlap what the process does before its first
     * call; only for the kind of answer the process will ask for, as its first request waits for the warm-up to end.
     */
    static void warmUpInBackground(boolean streamed) {
        warmStreamed = streamed;
        Thread t = new Thread(WARM_UP, "vaa-openai-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Runs openai-java's one-time start-up, once per process, before the first request's clock starts: that request
     * would otherwise spend 0.5–3 s of a cold JVM building the Jackson (de)serialisers of the SDK's model classes and
     * loading its request and streaming code, and the time would show as the provider's latency (its TTFT). Waits
     * while another thread runs it.
     */
    private static void warmUp(String host) {
        WARM_UP.run();   // returns at once when another thread has it
        try {
            WARM_UP.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LlmException.interrupted(host);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** One whole call of each kind asked for (unstreamed, streamed) through an SDK client made like the real ones, answered from memory. */
    private static void warmUpNow() {
        String url = "http://127.0.0.1/v1";
        ModelEntry entry = new ModelEntry("warm-up", "warm-up", "openai", "warm-up", url, List.of(),
                Json.MAPPER.createObjectNode().put("temperature", 0.0).put("max_tokens", 1), Json.MAPPER.createObjectNode(), true,
                Auth.BEARER, Map.of(), null, StatedLimits.NONE);
        ResolvedModel model = new ResolvedModel(entry, url, Optional.of(ApiKey.of("warm-up")), RequestHeaders.NONE);
        LlmRequest request = LlmRequest.of(ChatMessage.system("warm-up"), ChatMessage.user("warm-up"))
                .withResponseFormat(new ResponseFormat("warm_up", Json.MAPPER.createObjectNode().put("type", "object"), false));
        try (Client client = client(model, LlmOptions.defaults(), SocketFactory.getDefault())) {
            OpenAIClient offline = client.sdk().withOptions(o -> o.httpClient(new Offline()));
            try {
                OpenAiCompatibleClient warm = new OpenAiCompatibleClient(model, () -> offline, unpaced(), Clock.systemUTC());
                Boolean streamed = warmStreamed;
                if (streamed == null || !streamed) {
                    warm.complete(request.unstreamed(), delta -> { });
                }
                if (streamed == null || streamed) {
                    warm.complete(request, delta -> { });
                }
            } finally {
                offline.close();
            }
        }
    }

    /** A pacer that never waits: no limits stated, and no answer will carry any. */
    static Pacer unpaced() {
        return new Pacer(StatedLimits.NONE, Sleeper.SYSTEM, Duration.ofSeconds(1));
    }

    /** Answers every request with a short completion from memory, streamed when asked for: nothing goes out. */
    private static final class Offline implements HttpClient {
        private static final byte[] WHOLE = ("{\"id\":\"w\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"w\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"{}\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}").getBytes(StandardCharsets.UTF_8);
        private static final byte[] STREAMED = ("data: {\"id\":\"w\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"w\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"{}\"},\"finish_reason\":null}]}\n\n"
                + "data: {\"id\":\"w\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"w\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}\n\n"
                + "data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8);

        @Override
        public HttpResponse execute(HttpRequest request, RequestOptions options) {
            // the SDK writes its JSON body only when the transport asks for it
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            request.body().writeTo(body);
            boolean streamed = body.toString(StandardCharsets.UTF_8).contains("\"stream\":true");
            return new HttpResponse() {
                @Override
                public int statusCode() {
                    return 200;
                }

                @Override
                public Headers headers() {
                    return Headers.builder().put("Content-Type", streamed ? "text/event-stream" : "application/json")
                            .put("x-request-id", "warm-up").build();
                }

                @Override
                public InputStream body() {
                    return new ByteArrayInputStream(streamed ? STREAMED : WHOLE);
                }

                @Override
                public void close() {
                    // nothing to release: the body is in memory
                }
            };
        }

        @Override
        public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions options) {
            return CompletableFuture.completedFuture(execute(request, options));
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
