package vaa.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.SseException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Translates SDK exceptions into {@link LlmException}s with a short, key-free message. Provider
 * messages are scrubbed: the configured key, the variable values in its headers and anything shaped
 * like a key are replaced, because some providers echo (part of) a rejected key back.
 */
final class ProviderErrors {
    private static final Pattern KEY_LIKE =
            Pattern.compile("(sk-|gsk_|fw_|AIza|xai-|Bearer\\s+)[A-Za-z0-9_\\-*.]{4,}");
    private static final int MAX_MESSAGE = 300;
    private static final Map<Integer, String> PLAIN = Map.of(
            400, "bad request", 401, "invalid API key", 403, "permission denied",
            404, "not found (check the model id and base URL)", 408, "request timeout",
            422, "unprocessable request", 429, "rate limited", 500, "internal server error",
            503, "service unavailable", 529, "overloaded");

    private final String host;
    private final List<String> secrets = new ArrayList<>();
    private final Clock clock;

    ProviderErrors(ResolvedModel model, Clock clock) {
        this.host = model.host();
        model.apiKey().map(ApiKey::reveal).ifPresent(secrets::add);
        secrets.addAll(model.headers().secrets());
        secrets.removeIf(String::isEmpty);
        this.clock = clock;
    }

    LlmException translate(OpenAIException e) {
        if (Thread.currentThread().isInterrupted()) {
            return LlmException.interrupted(host);
        }
        if (e instanceof SseException sse) {
            // an error event inside a 200 stream: the provider gave up mid-answer, usually transiently
            return LlmException.unusable(host, "error in stream: " + message(sse, "stream error"), true, null);
        }
        if (e instanceof OpenAIServiceException service) {
            int status = service.statusCode();
            return LlmException.http(status, host, message(service, PLAIN.getOrDefault(status, "unexpected status")),
                    RetryAfter.parse(service.headers()::values, clock).orElse(null));
        }
        if (e instanceof OpenAIIoException io) {
            // the low-level cause (a timeout, a refused connection) is kept for -v; service errors are not,
            // since their messages can quote the provider's body
            return LlmException.io(host, describeIo(io), true, io.getCause());
        }
        if (e instanceof OpenAIInvalidDataException) {
            return LlmException.unusable(host, "malformed response", true, null);
        }
        return LlmException.unusable(host, scrub(String.valueOf(e.getMessage())), false, null);
    }

    /** Stream reads can fail below the SDK with plain I/O exceptions. */
    LlmException translate(IOException e) {
        if (Thread.currentThread().isInterrupted()) {
            return LlmException.interrupted(host);
        }
        return LlmException.io(host, describeCause(e), true, e);
    }

    private String describeIo(OpenAIIoException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return describeCause(cause);
    }

    private String describeCause(Throwable cause) {
        if (cause instanceof SocketTimeoutException
                || cause instanceof InterruptedIOException && "timeout".equals(cause.getMessage())) {
            return "timed out";
        }
        if (cause instanceof ConnectException) {
            return "connection refused (is the server running?)";
        }
        if (cause instanceof UnknownHostException) {
            return "unknown host";
        }
        return scrub(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }

    private String message(OpenAIServiceException e, String fallback) {
        JsonNode body;
        try {
            body = e.body().convert(JsonNode.class);
        } catch (RuntimeException notJson) {
            return fallback;   // an empty or non-JSON error body: the status phrase says enough
        }
        if (body == null) {
            return fallback;
        }
        JsonNode first = body.isArray() && !body.isEmpty() ? body.get(0) : body;   // Gemini wraps errors in a list
        for (JsonNode candidate : new JsonNode[] {first.path("error").path("message"), first.path("message"),
                first.path("error"), first.path("detail")}) {
            if (candidate.isTextual() && !candidate.asText().isBlank()) {
                return scrub(candidate.asText());
            }
        }
        return fallback;
    }

    String scrub(String text) {
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, "[redacted]");
        }
        out = KEY_LIKE.matcher(out).replaceAll("[redacted]").replaceAll("\\s+", " ").strip();
        return out.length() > MAX_MESSAGE ? out.substring(0, MAX_MESSAGE) + "..." : out;
    }
}
