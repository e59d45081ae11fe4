package vaa.llm;

import com.openai.client.OpenAIClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Builds {@link LlmClient}s and owns what they share: one SDK client (and so one connection pool)
 * per base URL, key and headers, created on first use so start-up stays cheap, one
 * {@link AdaptiveLimiter} per provider, and one {@link Pacer} per model, base URL and key (providers
 * count rate limits per model and account). A client is the decorators
 * cache → retry → concurrency limit → HTTP (paced), so a cached answer costs nothing, a backoff wait
 * holds no slot, and every attempt is counted against the provider's limits. The {@link Tracer}'s
 * decorator goes around all of them, so a cached answer is traced as cached, and it hears the retries
 * and slot waits through its {@link LlmCallListener}.
 *
 * <p>One runtime per process (or per command); {@link #close()} releases the HTTP clients.
 */
public final class LlmRuntime implements AutoCloseable {
    private final LlmOptions options;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Clock clock;
    private final Tracer tracer;
    private final Map<String, AdaptiveLimiter> limiters = new ConcurrentHashMap<>();
    private volatile java.util.function.BooleanSupplier cancelled = () -> false;
    private final Map<String, Pacer> pacers = new ConcurrentHashMap<>();
    private final Map<String, OpenAiSdk.Client> sdkClients = new ConcurrentHashMap<>();

    public LlmRuntime(LlmOptions options) {
        this(options, Tracer.OFF);
    }

    /** Clients whose calls {@code tracer} records; the runtime does not close it. */
    public LlmRuntime(LlmOptions options, Tracer tracer) {
        this(options, Sleeper.SYSTEM, RandomGenerator.getDefault(), Clock.systemUTC(), tracer);
    }

    LlmRuntime(LlmOptions options, Sleeper sleeper, RandomGenerator random, Clock clock) {
        this(options, sleeper, random, clock, Tracer.OFF);
    }

    LlmRuntime(LlmOptions options, Sleeper sleeper, RandomGenerator random, Clock clock, Tracer tracer) {
        this.options = options;
        this.sleeper = sleeper;
        this.random = random;
        this.clock = clock;
        this.tracer = tracer;
    }

    /**
     * Warms openai-java up on a thread of its own, for a process that is about to call a model (see {@link OpenAiSdk}):
     * its streaming code when {@code streamed}, else its code for {@linkplain LlmRequest#unstreamed() unstreamed} answers.
     */
    public static void warmUpInBackground(boolean streamed) {
        OpenAiSdk.warmUpInBackground(streamed);
    }

    /**
     * Once {@code stop} says so, a request that got its slot after the stop is not sent (it fails as interrupted):
     * after Ctrl+C only the calls already on the wire finish, not the ones that were waiting for a slot.
     */
    public LlmRuntime cancelledBy(java.util.function.BooleanSupplier stop) {
        this.cancelled = stop;
        return this;
    }

    public LlmOptions options() {
        return options;
    }

    public Tracer tracer() {
        return tracer;
    }

    /** A client for the model, caching in {@link LlmOptions#cacheDir()} when one is set. */
    public LlmClient open(ResolvedModel model) {
        return open(model, false);
    }

    /**
     * Like {@link #open(ResolvedModel)}; with {@code refresh} the cache is not consulted (answers are
     * still stored), for retrying calls whose cached answer was unusable.
     */
    public LlmClient open(ResolvedModel model, boolean refresh) {
        String host = model.host();
        String identity = OpenAiSdk.identity(model);   // once here, not per request: it hashes the key and headers
        Pacer pacer = pacer(model);
        LlmClient client = new OpenAiCompatibleClient(model, () -> sdkClient(identity, model), pacer, clock, options.requestTimeout());
        LlmCallListener listener = tracer.callListener();
        client = new LimitedLlmClient(client, limiter(model.provider()), pacer, host, listener, () -> cancelled.getAsBoolean());
        client = new RetryingLlmClient(client, RetryPolicy.of(options.maxAttempts()), sleeper, random, host, listener);
        if (options.cacheDir() != null) {
            client = new CachingLlmClient(client, new ResponseCache(options.cacheDir()), model, refresh);
        }
        return tracer.decorate(client, model);
    }

    /** The provider's Batch API for the model, on the client (connections, key, headers) its live calls use. */
    public BatchApi batchApi(ResolvedModel model) {
        String identity = OpenAiSdk.identity(model);
        return new BatchApi(model, () -> sdkClient(identity, model), clock);
    }

    /** The provider's current in-flight limit (for progress displays and tests). */
    public int currentLimit(String provider) {
        return limiter(provider).currentLimit();
    }

    int httpClients() {
        return sdkClients.size();
    }

    AdaptiveLimiter limiter(String provider) {
        return limiters.computeIfAbsent(provider, p -> new AdaptiveLimiter(options.workers()));
    }

    private Pacer pacer(ResolvedModel model) {
        return pacers.computeIfAbsent(OpenAiSdk.identity(model) + "\n" + model.model(), x -> new Pacer(model.entry().limits(), sleeper,
                RetryPolicy.of(options.maxAttempts()).maxRetryAfter()));
    }

    private OpenAIClient sdkClient(String identity, ResolvedModel model) {
        return sdkClients.computeIfAbsent(identity, x -> OpenAiSdk.build(model, options)).sdk();
    }

    @Override
    public void close() {
        List<OpenAiSdk.Client> clients = new ArrayList<>(sdkClients.values());
        sdkClients.clear();
        clients.forEach(OpenAiSdk.Client::close);
    }
}
