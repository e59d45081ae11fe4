package vaa.prompt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import vaa.VaaException;
import vaa.io.Json;

/**
 * Prompts from Langfuse's public API, {@code GET /api/public/v2/prompts/{name}?label=|version=}.
 *
 * <p>The response is read here rather than through langfuse-java 0.1.2: that SDK models chat messages
 * as a union keyed on {@code "type"}, and Langfuse returns ordinary messages as plain
 * {@code {"role","content"}}, which the SDK turns into unknown values without role or content.
 */
public final class LangfusePromptSource implements PromptSource {
    static final int MAX_ATTEMPTS = 3;
    /** How {@link #describe()} and so every fetched prompt's source begins. */
    static final String SOURCE_PREFIX = "langfuse ";
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
    private static final int ERROR_SNIPPET = 200;

    private final LangfuseSettings settings;
    private final OkHttpClient http;
    private final Duration backoff;

    public LangfusePromptSource(LangfuseSettings settings) {
        this(settings, defaultClient(), Duration.ofMillis(500));
    }

    LangfusePromptSource(LangfuseSettings settings, OkHttpClient http, Duration backoff) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    private static OkHttpClient defaultClient() {
        return new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofSeconds(45))
                .build();
    }

    @Override
    public String describe() {
        return SOURCE_PREFIX + settings.hostText();
    }

    @Override
    public Prompt get(String name, PromptSelector selector) {
        if (name == null || name.isBlank()) {
            throw VaaException.usage("A prompt name is required");
        }
        Request request = new Request.Builder()
                .url(url(name, selector))
                .header("Authorization", Credentials.basic(settings.publicKey(), settings.secretKey()))
                .header("Accept", "application/json")
                .get()
                .build();
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= MAX_ATTEMPTS;
            try (Response response = http.newCall(request).execute()) {
                String body = readBody(response);
                if (response.isSuccessful()) {
                    return parse(name, selector, body);
                }
                if (!last && retryable(response.code())) {
                    pause(attempt, response.header("Retry-After"));
                    continue;
                }
                throw error(name, selector, response.code(), body);
            } catch (IOException e) {
                if (last) {
                    throw unreachable(e);
                }
                pause(attempt, null);
            }
        }
    }

    /** One request to Langfuse's health endpoint: any HTTP answer means reachable; keys are checked when a prompt is fetched. */
    @Override
    public void probe() {
        Request request = new Request.Builder().url(settings.host().newBuilder().addPathSegments("api/public/health").build())
                .header("Accept", "application/json").get().build();
        try (Response response = http.newBuilder().callTimeout(Duration.ofSeconds(5)).build().newCall(request).execute()) {
            response.body();
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private LangfuseUnreachableException unreachable(IOException e) {
        return new LangfuseUnreachableException("Could not reach Langfuse at " + settings.hostText() + " ("
                + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    }

    private HttpUrl url(String name, PromptSelector selector) {
        // addPathSegment percent-encodes, so folder-style names ("team/assist") stay one segment as Langfuse expects.
        HttpUrl.Builder b = settings.host().newBuilder()
                .addPathSegments("api/public/v2/prompts")
                .addPathSegment(name);
        if (selector.isVersion()) {
            b.addQueryParameter("version", String.valueOf(selector.version()));
        } else {
            b.addQueryParameter("label", selector.label());
        }
        return b.build();
    }

    private static String readBody(Response response) throws IOException {
        ResponseBody body = response.body();
        return body == null ? "" : body.string();
    }

    private static boolean retryable(int code) {
        return code == 429 || code >= 500;
    }

    private Prompt parse(String name, PromptSelector selector, String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw VaaException.failure("Langfuse at " + settings.hostText() + " answered with something that is"
                    + " not JSON for prompt \"" + name + "\" (" + selector.describe() + ")");
        }
        try {
            Prompt prompt = PromptJson.parse(root, name, describe());
            if (selector.isVersion() && prompt.version() != selector.version()) {
                throw VaaException.failure("Langfuse at " + settings.hostText() + " answered prompt \"" + name + "\" version "
                        + prompt.version() + " when version " + selector.version() + " was asked; not using it");
            }
            return prompt;
        } catch (IllegalArgumentException e) {
            throw VaaException.usage("Prompt \"" + name + "\" (" + selector.describe() + ") in Langfuse at "
                    + settings.hostText() + " cannot be used: " + e.getMessage());
        }
    }

    private VaaException error(String name, PromptSelector selector, int code, String body) {
        String where = " in Langfuse at " + settings.hostText() + " (" + selector.describe() + ")";
        return switch (code) {
            case 404 -> new PromptNotFoundException(name, "Prompt \"" + name + "\" not found" + where);
            case 401 -> VaaException.usage("Langfuse at " + settings.hostText() + " rejected the API keys (HTTP 401);"
                    + " check " + LangfuseSettings.PUBLIC_KEY + " and " + LangfuseSettings.SECRET_KEY
                    + " belong to a project on this host");
            case 403 -> VaaException.usage("Langfuse at " + settings.hostText() + " refused access to prompt \""
                    + name + "\" (HTTP 403); check the project the API keys belong to");
            default -> VaaException.failure("Langfuse at " + settings.hostText() + " failed to return prompt \""
                    + name + "\" (" + selector.describe() + "): HTTP " + code + snippet(body));
        };
    }

    private static String snippet(String body) {
        String s = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        if (s.isEmpty()) {
            return "";
        }
        return " " + (s.length() > ERROR_SNIPPET ? s.substring(0, ERROR_SNIPPET) + "..." : s);
    }

    private void pause(int attempt, String retryAfter) {
        Duration wait = backoff.multipliedBy(1L << (attempt - 1));
        Duration asked = retryAfterSeconds(retryAfter);
        if (asked != null) {
            wait = asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaaException(VaaException.INTERRUPTED, "Interrupted while waiting to retry Langfuse", e);
        }
    }

    /** Only the delta-seconds form; an HTTP-date falls back to the normal backoff. */
    private static Duration retryAfterSeconds(String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.strip());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
