package vaa.trace;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import vaa.VaaException;
import vaa.io.Env;
import vaa.prompt.LangfuseSettings;

/**
 * Where spans go, decided from the environment and the command line. {@code --no-trace} or
 * {@code VAA_TRACE=off} (or the standard {@code OTEL_SDK_DISABLED=true}) turn tracing off;
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} or {@code OTEL_EXPORTER_OTLP_ENDPOINT} (with the
 * standard {@code OTEL_EXPORTER_OTLP_HEADERS}) send them to any OTLP/HTTP backend; otherwise, when
 * the Langfuse keys and host are set, they go to Langfuse's OTel endpoint with Basic auth, and
 * judgements go there as scores. {@code --trace-content off} / {@code VAA_TRACE_CONTENT=off} send
 * hashes instead of prompts and answers.
 *
 * <p>{@code headers} hold credentials: {@link #toString()} names them only.
 */
public record TraceSettings(String endpoint, Map<String, String> headers, String host, Optional<LangfuseSettings> scores,
                            boolean content) {
    public static final String TRACE = "VAA_TRACE";
    public static final String TRACE_CONTENT = "VAA_TRACE_CONTENT";
    static final String SDK_DISABLED = "OTEL_SDK_DISABLED";
    static final String OTLP_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
    static final String OTLP_TRACES_ENDPOINT = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    static final String OTLP_HEADERS = "OTEL_EXPORTER_OTLP_HEADERS";
    static final String OTLP_TRACES_HEADERS = "OTEL_EXPORTER_OTLP_TRACES_HEADERS";
    static final String OTLP_PROTOCOL = "OTEL_EXPORTER_OTLP_PROTOCOL";
    static final String OTLP_TRACES_PROTOCOL = "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL";
    static final String LANGFUSE_OTEL_PATH = "api/public/otel/v1/traces";

    public TraceSettings {
        headers = Map.copyOf(headers);
    }

    /**
     * The settings, or why there are none: tracing asked off, nowhere to send, or an OTLP protocol
     * vaa does not speak (told, not fatal: tracing never stops a command).
     */
    public sealed interface Resolved permits On, Off {}

    public record On(TraceSettings settings) implements Resolved {}

    /** {@code warning} is null when being off is the normal case (asked for, or nothing configured). */
    public record Off(String warning) implements Resolved {}

    /**
     * @param noTrace     {@code --no-trace}
     * @param contentFlag {@code --trace-content} as given (on|off), null when not given
     */
    public static Resolved resolve(Env env, boolean noTrace, String contentFlag) {
        boolean content = onOff(contentFlag != null ? contentFlag : env.get(TRACE_CONTENT).orElse("on"),
                contentFlag != null ? "--trace-content" : TRACE_CONTENT);
        String wanted = env.get(TRACE).orElse("on");
        if (noTrace || !onOff(wanted, TRACE) || env.get(SDK_DISABLED).map(v -> v.equalsIgnoreCase("true")).orElse(false)) {
            return new Off(null);
        }
        Optional<String> otlp = env.get(OTLP_TRACES_ENDPOINT).or(() -> env.get(OTLP_ENDPOINT).map(TraceSettings::tracesPath));
        if (otlp.isPresent()) {
            if (!isHttpUrl(otlp.get())) {
                // the value is not repeated: a URL may carry credentials
                return new Off("Tracing is off: " + (env.has(OTLP_TRACES_ENDPOINT) ? OTLP_TRACES_ENDPOINT : OTLP_ENDPOINT)
                        + " is not an http(s) URL.");
            }
            String protocol = env.get(OTLP_TRACES_PROTOCOL).or(() -> env.get(OTLP_PROTOCOL)).orElse("http/protobuf");
            if (!protocol.equalsIgnoreCase("http/protobuf")) {
                return new Off("Tracing is off: vaa sends OTLP over HTTP (http/protobuf), not " + protocol
                        + "; point " + OTLP_ENDPOINT + " at the collector's HTTP port (usually 4318).");
            }
            Map<String, String> headers = new LinkedHashMap<>(headers(env, OTLP_HEADERS));
            headers.putAll(headers(env, OTLP_TRACES_HEADERS));
            return new On(new TraceSettings(otlp.get(), headers, hostOf(otlp.get()), Optional.empty(), content));
        }
        Optional<LangfuseSettings> langfuse = LangfuseSettings.fromEnv(env);
        if (langfuse.isPresent()) {
            LangfuseSettings l = langfuse.get();
            String endpoint = l.host().newBuilder().addPathSegments(LANGFUSE_OTEL_PATH).build().toString();
            String basic = Base64.getEncoder().encodeToString((l.publicKey() + ":" + l.secretKey()).getBytes(StandardCharsets.UTF_8));
            return new On(new TraceSettings(endpoint, Map.of("Authorization", "Basic " + basic), l.host().host(), langfuse, content));
        }
        if (env.has(TRACE) && wanted.equalsIgnoreCase("on")) {
            return new Off(TRACE + "=on, but there is nowhere to send traces: set the Langfuse keys and host ("
                    + String.join(", ", LangfuseSettings.missing(env)) + ") or " + OTLP_ENDPOINT + ".");
        }
        return new Off(null);
    }

    /** The OTLP/HTTP convention: the signal's path is appended to the base endpoint. */
    private static String tracesPath(String base) {
        return (base.endsWith("/") ? base : base + "/") + "v1/traces";
    }

    /** W3C-baggage style {@code key=value,key2=value2}, values percent-encoded, as the OTel SDKs read it. */
    static Map<String, String> headers(Env env, String variable) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : env.get(variable).orElse("").split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                // the entry may hold a secret: name the variable, never the text
                throw VaaException.usage(variable + " must be key=value pairs separated by commas (an entry has no '=').");
            }
            out.put(pair.substring(0, eq).strip(), URLDecoder.decode(pair.substring(eq + 1).strip(), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static boolean onOff(String value, String name) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "on", "true", "1", "yes" -> true;
            case "off", "false", "0", "no" -> false;
            default -> throw VaaException.usage(name + " must be on or off, not \"" + value + "\".");
        };
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI u = URI.create(url);
            return ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme())) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;   // not a URI at all: said by the caller, without the value
        }
    }

    private static String hostOf(String url) {
        return URI.create(url).getHost();
    }

    @Override
    public String toString() {
        return "TraceSettings[host=" + host + ", headers=" + headers.keySet() + ", scores=" + scores.isPresent()
                + ", content=" + content + "]";
    }
}
