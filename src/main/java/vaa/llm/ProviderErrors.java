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
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Translates SDK exceptions into {@link LlmException}s with a short, key-free message. Provider
 * messages are scrubbed: the configured key, the variable values in its headers and anything shaped
 * like a key are replaced, because some providers echo (part of) a rejected key back.
 *
 * <p>Failures that every call would meet — a rejected key (401, 403), an unknown model (404, or a
 * 400 that says so), an endpoint that refused the connection or does not resolve before it ever
 * answered — say what to fix and are {@linkplain LlmException#affectsEveryCall() not worth another call}.
 */
final class ProviderErrors {
    private static final Pattern KEY_LIKE =
            Pattern.compile("(sk-|gsk_|fw_|AIza|xai-|Bearer\\s+)[A-Za-z0-9_\\-*.]{4,}");
    /** How providers say the model does not exist (OpenAI, Groq, Gemini, Fireworks, Ollama, vLLM, Mistral, OpenRouter). */
    private static final Pattern MODEL_MISSING = Pattern.compile("(?i)models?\\b.*\\b(not found|does not exist|not exist"
            + "|not deployed)|invalid model|not a valid model|unknown model|no such model|model_not_found");
    private static final int MAX_MESSAGE = 300;
    private static final Map<Integer, String> PLAIN = Map.of(
            400, "bad request", 401, "invalid API key", 403, "permission denied",
            404, "not found", 408, "request timeout",
            422, "unprocessable request", 429, "rate limited", 500, "internal server error",
            503, "service unavailable", 529, "overloaded");

    private final ResolvedModel model;
    private final String host;
    private final List<String> secrets = new ArrayList<>();
    private final Clock clock;
    /** Set once the endpoint has answered at all: from then on a refused connection is a hiccup, not a wrong URL. */
    private final AtomicBoolean answered = new AtomicBoolean();

    ProviderErrors(ResolvedModel model, Clock clock) {
        this.model = model;
        this.host = model.host();
        model.apiKey().map(ApiKey::reveal).ifPresent(secrets::add);
        secrets.addAll(model.headers().secrets());
        secrets.removeIf(String::isEmpty);
        this.clock = clock;
    }

    /** The endpoint answered (with a response of any status). */
    void answered() {
        answered.set(true);
    }

    LlmException translate(OpenAIException e) {
        if (Thread.currentThread().isInterrupted()) {
            return LlmException.interrupted(host);
        }
        if (e instanceof SseException sse) {
            answered();
            // an error event inside a 200 stream: the provider gave up mid-answer, usually transiently
            return LlmException.unusable(host, "error in stream: " + message(body(sse), "stream error"), true, null);
        }
        if (e instanceof OpenAIServiceException service) {
            answered();
            int status = service.statusCode();
            JsonNode body = body(service);
            String message = message(body, PLAIN.getOrDefault(status, "unexpected status"));
            LlmException everyCall = everyCall(status, message, "model_not_found".equals(errorField(body, "code")));
            return everyCall != null ? everyCall : LlmException.http(status, host, message,
                    RetryAfter.parse(service.headers()::values, clock).orElse(null));
        }
        if (e instanceof OpenAIIoException io) {
            Throwable cause = io.getCause() == null ? io : io.getCause();
            if (!answered.get() && (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException)) {
                String why = describeCause(cause);
                return LlmException.forEveryCall(0, host, why, "Cannot connect to " + model.publicBaseUrl() + ": " + why,
                        cause);
            }
            // the low-level cause (a timeout, a refused connection) is kept for -v; service errors are not,
            // since their messages can quote the provider's body
            return LlmException.io(host, describeCause(cause), true, io.getCause());
        }
        if (e instanceof OpenAIInvalidDataException) {
            return LlmException.unusable(host, "malformed response", true, null);
        }
        return LlmException.unusable(host, scrub(String.valueOf(e.getMessage())), false, null);
    }

    /** The sentence for a status every call would get, or null when the status says nothing about the setup. */
    private LlmException everyCall(int status, String message, boolean modelNotFoundCode) {
        String said = " (" + status + ": " + message + ")";
        boolean modelMissing = modelNotFoundCode || MODEL_MISSING.matcher(message).find();
        String sentence = switch (status) {
            case 401 -> model.apiKey().isEmpty() ? host + " asks for an API key" + said
                    + "; name its variable in \"api_key_env\" of provider " + model.provider() + " in " + ModelCatalog.OVERRIDE_FILE
                    : "The API key" + model.apiKeyVariable().map(v -> " in " + v).orElse("") + " was rejected by " + host + said;
            case 403 -> "The API key" + model.apiKeyVariable().map(v -> " in " + v).orElse("")
                    + " is not allowed to use model " + model.model() + " at " + host + said;
            case 404 -> modelMissing ? modelNotFound(said)
                    : "Nothing found at " + model.publicBaseUrl() + " for model " + model.model() + said
                    + "; check the base URL and the model id";
            case 400 -> modelMissing ? modelNotFound(said) : null;
            default -> null;
        };
        return sentence == null ? null : LlmException.forEveryCall(status, host, message, sentence, null);
    }

    private String modelNotFound(String said) {
        return "Model " + model.model() + " not found at " + model.publicBaseUrl() + said;
    }

    /** Stream reads can fail below the SDK with plain I/O exceptions. */
    LlmException translate(IOException e) {
        if (Thread.currentThread().isInterrupted()) {
            return LlmException.interrupted(host);
        }
        return LlmException.io(host, describeCause(e), true, e);
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

    /** The error body as JSON, or null when it is empty or not JSON (the status phrase then says enough). */
    private static JsonNode body(OpenAIServiceException e) {
        try {
            JsonNode body = e.body().convert(JsonNode.class);
            // Gemini wraps errors in a list
            return body != null && body.isArray() && !body.isEmpty() ? body.get(0) : body;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private String message(JsonNode body, String fallback) {
        if (body == null) {
            return fallback;
        }
        for (JsonNode candidate : new JsonNode[] {body.path("error").path("message"), body.path("message"),
                body.path("error"), body.path("detail")}) {
            if (candidate.isTextual() && !candidate.asText().isBlank()) {
                return scrub(candidate.asText());
            }
        }
        return fallback;
    }

    private static String errorField(JsonNode body, String field) {
        return body == null ? null : body.path("error").path(field).asText(null);
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
