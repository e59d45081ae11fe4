package vaa.llm;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * When the request being made on this thread started going out on its connection, so that a call's
 * TTFT and E2E are the provider's time: from the first byte written to the first token and to the
 * end, leaving out what only this process pays once (opening the connection and the TLS handshake,
 * the SDK's first-call set-up). A network interceptor runs on the calling thread for OkHttp's
 * synchronous calls, which are the only ones the SDK makes here.
 */
final class RequestClock implements Interceptor {
    private static final ThreadLocal<long[]> SENT = ThreadLocal.withInitial(() -> new long[1]);

    /** Starts a call on this thread; until its request goes out, {@link #sent()} is {@code now}. */
    static void start(long now) {
        SENT.get()[0] = now;
    }

    /** When the request of the call started on this thread went out (System.nanoTime). */
    static long sent() {
        return SENT.get()[0];
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        SENT.get()[0] = System.nanoTime();
        return chain.proceed(chain.request());
    }
}
