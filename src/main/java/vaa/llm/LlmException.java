package vaa.llm;

import java.time.Duration;
import java.util.Optional;
import vaa.VaaException;

/**
 * A model call that failed. The message reads like {@code HTTP 429 from api.groq.com: Rate limit reached}
 * and never carries key material: provider messages are scrubbed before they get here. A failure
 * that {@linkplain #affectsEveryCall() affects every call} (a rejected key, an unknown model, an
 * endpoint that cannot be reached) instead says what to fix, e.g. {@code The API key in
 * OPENAI_API_KEY was rejected by api.openai.com (401: Incorrect API key provided)}.
 */
public final class LlmException extends VaaException {
    /** How the message starts when there is no HTTP status ("No response from"); null for HTTP errors. */
    private final String kind;
    private final int status;
    private final boolean retryable;
    private final String host;
    private final String providerMessage;
    private final Duration retryAfter;
    private final int attempts;
    private final boolean everyCall;

    private LlmException(int exitCode, String kind, int status, boolean retryable, String host, String providerMessage,
                         Duration retryAfter, int attempts, Throwable cause) {
        this(exitCode, kind, status, retryable, host, providerMessage, retryAfter, attempts, cause,
                describe(kind, status, host, providerMessage, attempts), false);
    }

    private LlmException(int exitCode, String kind, int status, boolean retryable, String host, String providerMessage,
                         Duration retryAfter, int attempts, Throwable cause, String message, boolean everyCall) {
        super(exitCode, message, cause);
        this.everyCall = everyCall;
        this.kind = kind;
        this.status = status;
        this.retryable = retryable;
        this.host = host;
        this.providerMessage = providerMessage;
        this.retryAfter = retryAfter;
        this.attempts = attempts;
    }

    /** An HTTP error status from the provider. */
    public static LlmException http(int status, String host, String providerMessage, Duration retryAfter) {
        return new LlmException(FAILURE, null, status, isRetryableStatus(status), host, providerMessage, retryAfter, 1, null);
    }

    /** No usable response: connection failure, timeout, broken stream (status 0). */
    public static LlmException io(String host, String what, boolean retryable, Throwable cause) {
        return new LlmException(FAILURE, "No response from", 0, retryable, host, what, null, 1, cause);
    }

    /** A 200 response that cannot be used: no content, a malformed stream, an error event mid-stream. */
    public static LlmException unusable(String host, String what, boolean retryable, Throwable cause) {
        return new LlmException(FAILURE, "Unusable response from", 0, retryable, host, what, null, 1, cause);
    }

    /**
     * A failure every call would meet until a setting is fixed (the key, the model id, the base URL):
     * not retried, and a batch stops at the first one. {@code message} says what to fix.
     */
    public static LlmException forEveryCall(int status, String host, String providerMessage, String message, Throwable cause) {
        return new LlmException(FAILURE, null, status, false, host, providerMessage, null, 1, cause, message, true);
    }

    public static LlmException interrupted(String host) {
        return new LlmException(INTERRUPTED, "Call to", 0, false, host, "interrupted", null, 1, null);
    }

    /** 408, 429 and every 5xx are worth another try; other statuses will fail the same way again. */
    public static boolean isRetryableStatus(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** The same failure, saying how many attempts were made before giving up. */
    public LlmException afterAttempts(int attempts) {
        return everyCall ? this
                : new LlmException(exitCode(), kind, status, retryable, host, providerMessage, retryAfter, attempts, getCause());
    }

    private static String describe(String kind, int status, String host, String providerMessage, int attempts) {
        String where = kind == null ? "HTTP " + status + " from " + host : kind + " " + host;
        String tail = attempts > 1 ? " (gave up after " + attempts + " attempts)" : "";
        return where + ": " + providerMessage + tail;
    }

    /** The HTTP status, or 0 when there was no HTTP response (connection error, timeout). */
    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }

    public String host() {
        return host;
    }

    public String providerMessage() {
        return providerMessage;
    }

    /** The wait the provider asked for ({@code Retry-After} / {@code retry-after-ms}), if any. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public int attempts() {
        return attempts;
    }

    /** Whether every call would fail the same way until a setting is fixed (see {@link #forEveryCall}). */
    public boolean affectsEveryCall() {
        return everyCall;
    }

    public boolean rateLimited() {
        return status == 429;
    }
}
