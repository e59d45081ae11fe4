package vaa.bench;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import vaa.testing.OpenAiStub;

/**
 * A local OpenAI-compatible chat-completions server for the analyze benchmark: every POST is answered after a
 * fixed delay with the same valid judgement, streamed (SSE) or not as asked, in the shape of {@link OpenAiStub}. Optionally it
 * enforces a rate limit ({@link RateLimiter}) and answers what exceeds it with an immediate 429.
 *
 * <p>Thread model: MockWebServer (okhttp 4.12) serves each accepted connection on its own thread from an
 * unbounded pool, and calls {@link #dispatch} on that thread; requests on one HTTP/1.1 connection are sequential.
 * So the server handles as many requests at once as the client opens connections, and the delay is a sleep
 * on the connection's thread. {@link #maxInFlight()} and {@link #connections()} show what the client actually did;
 * {@code AnalyzeThroughputBench} also drives the server with a plain OkHttp load loop to show its capacity.
 *
 * <p>Standalone: {@code java -cp CP vaa.bench.JudgementServer [DELAY_MS=200] [PORT=0]} prints the base URL and
 * serves until killed.
 */
public final class JudgementServer extends Dispatcher implements AutoCloseable {
    /** The judgement every request gets; valid against judgement.schema.json. */
    public static final String JUDGEMENT = OpenAiStub.judgement("resolved", "please confirm your name");

    /** The usage {@link OpenAiStub#sse} reports; a rate-limited server reports the prompt tokens it counted instead. */
    // without its closing brace: the stub's stream also reports cached tokens after the totals
    private static final String STUB_USAGE = "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":20,\"total_tokens\":120";

    private final MockWebServer server = new MockWebServer();
    private final long delayMs;
    private final String sseBody;
    private final String jsonBody;
    private volatile java.nio.file.Path recordDir;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong firstArrivalNanos = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastDoneNanos = new AtomicLong();
    private final AtomicLong requestBytes = new AtomicLong();
    private final RateLimiter limiter;
    /** Each request's arrival and end (System.nanoTime()) since the last reset, for the benchmark's timeline. */
    private final java.util.concurrent.ConcurrentLinkedQueue<long[]> spans = new java.util.concurrent.ConcurrentLinkedQueue<>();

    public JudgementServer(long delayMs, int port) throws IOException {
        this(delayMs, port, null);
    }

    /** With a {@code limiter} (null: none), requests beyond its limits are refused with 429. */
    public JudgementServer(long delayMs, int port, RateLimiter limiter) throws IOException {
        this.delayMs = delayMs;
        this.limiter = limiter;
        // -Dbench.chunk-chars=4 streams the judgement a token at a time, as providers do; by default in 3 chunks
        int chunkChars = Integer.getInteger("bench.chunk-chars", 0);
        this.sseBody = (chunkChars > 0 ? OpenAiStub.sse(JUDGEMENT, chunkChars) : OpenAiStub.sse(JUDGEMENT)).getBody().readUtf8();
        if (!sseBody.contains(STUB_USAGE)) {
            throw new IllegalStateException("OpenAiStub.sse no longer reports " + STUB_USAGE);
        }
        com.fasterxml.jackson.databind.node.ObjectNode completion = vaa.io.Json.MAPPER.createObjectNode()
                .put("id", "chatcmpl-bench").put("object", "chat.completion").put("created", 1).put("model", "bench");
        completion.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                .putObject("message").put("role", "assistant").put("content", JUDGEMENT);
        completion.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20).put("total_tokens", 120);
        this.jsonBody = completion.toString();
        server.setDispatcher(this);
        if (!Boolean.getBoolean("bench.nagle")) {
            // MockWebServer leaves Nagle's algorithm on: its separate header and body writes then wait for the
            // client's delayed ACK (~40 ms on Linux) on every response. Real API front ends set TCP_NODELAY.
            server.setServerSocketFactory(new vaa.testing.NoDelayServerSocketFactory());
        }
        server.start(port);
    }

    /** The base URL to put in OPENAI_BASE_URL. */
    public String baseUrl() {
        return server.url("/v1").toString();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        long arrived = System.nanoTime();
        firstArrivalNanos.accumulateAndGet(arrived, Math::min);
        int n = requests.incrementAndGet();
        if (request.getSequenceNumber() == 0) {
            connections.incrementAndGet(); // first request on a new connection
        }
        requestBytes.addAndGet(request.getBodySize());
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            // admitted or refused on arrival, as providers count; the headers describe the state right after
            RateLimiter.Decision decision = limiter == null ? null : limiter.admit(request.getBodySize());
            if (decision != null && !decision.admitted()) {
                return decision.addHeaders(new MockResponse().setResponseCode(429).setHeader("Content-Type", "application/json")
                        .setBody("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}"));
            }
            if (delayMs > 0) {
                Thread.sleep(delayMs);
            }
            String body = request.getBody().readUtf8();
            java.nio.file.Path record = recordDir;
            if (record != null) {
                try {
                    java.nio.file.Files.writeString(record.resolve(String.format("%06d.json", n)), body);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            // the same answer, streamed when asked for (vaa assist, ask) or as one JSON document (vaa's judge and insights, promptfoo)
            boolean stream = body.contains("\"stream\":true");
            String answer = stream ? sseBody : jsonBody;
            MockResponse response = new MockResponse()
                    .setHeader("Content-Type", stream ? "text/event-stream" : "application/json")
                    .setHeader("x-request-id", "req_bench_" + n)
                    .setBody(decision == null ? answer : answer.replace(STUB_USAGE, usage(decision.tokens())));
            return decision == null ? response : decision.addHeaders(response);
        } finally {
            inFlight.decrementAndGet();
            long done = System.nanoTime();
            lastDoneNanos.accumulateAndGet(done, Math::max);
            spans.add(new long[] {arrived, done});
            // MockWebServer keeps every RecordedRequest in a queue; drop them so long runs don't pile up bodies
            while (server.takeRequest(0, java.util.concurrent.TimeUnit.SECONDS) != null) {
                // drained
            }
        }
    }

    private static String usage(long promptTokens) {
        return "\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":20,\"total_tokens\":" + (promptTokens + 20);
    }

    /** Writes every request body into {@code dir} (numbered) until called with null. */
    public void record(java.nio.file.Path dir) {
        this.recordDir = dir;
    }

    public void reset() {
        requests.set(0);
        connections.set(0);
        maxInFlight.set(0);
        firstArrivalNanos.set(Long.MAX_VALUE);
        lastDoneNanos.set(0);
        requestBytes.set(0);
        spans.clear();
    }

    /** Each request's {arrival, end} in System.nanoTime() since the last reset, in no particular order. */
    public java.util.List<long[]> spans() {
        return java.util.List.copyOf(spans);
    }

    public int requests() {
        return requests.get();
    }

    public int connections() {
        return connections.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public long requestBytes() {
        return requestBytes.get();
    }

    /** System.nanoTime() of the first request's arrival since the last reset, or Long.MAX_VALUE before any. */
    public long firstArrivalNanos() {
        return firstArrivalNanos.get();
    }

    /** Seconds from the first request's arrival to the last answer's dispatch; 0 before any request. */
    public double activeSpanSeconds() {
        long first = firstArrivalNanos.get();
        long last = lastDoneNanos.get();
        return first == Long.MAX_VALUE || last < first ? 0 : (last - first) / 1e9;
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }

    public static void main(String[] args) throws Exception {
        long delay = args.length > 0 ? Long.parseLong(args[0]) : 200;
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        JudgementServer s = new JudgementServer(delay, port);
        System.out.println("OPENAI_BASE_URL=" + s.baseUrl());
        System.out.println("# answering every chat completion after " + delay + " ms; Ctrl+C to stop");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
