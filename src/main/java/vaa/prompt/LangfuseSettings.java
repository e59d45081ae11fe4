package vaa.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import vaa.VaaException;
import vaa.io.Env;

/** The Langfuse host and key pair. {@link #toString()} never shows the keys. */
public record LangfuseSettings(HttpUrl host, String publicKey, String secretKey) {
    public static final String PUBLIC_KEY = "LANGFUSE_PUBLIC_KEY";
    public static final String SECRET_KEY = "LANGFUSE_SECRET_KEY";
    public static final String HOST = "LANGFUSE_HOST";
    public static final String BASE_URL = "LANGFUSE_BASE_URL";

    public LangfuseSettings {
        if (host == null || publicKey == null || publicKey.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("Langfuse needs a host, a public key and a secret key");
        }
    }

    public static LangfuseSettings of(String host, String publicKey, String secretKey) {
        return new LangfuseSettings(parseHost(host), publicKey, secretKey);
    }

    /** Present only when both keys and a host are set; see {@link #missing(Env)} for what is not. */
    public static Optional<LangfuseSettings> fromEnv(Env env) {
        Optional<String> host = env.get(HOST).or(() -> env.get(BASE_URL));
        Optional<String> pk = env.get(PUBLIC_KEY);
        Optional<String> sk = env.get(SECRET_KEY);
        if (host.isEmpty() || pk.isEmpty() || sk.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(of(host.get(), pk.get(), sk.get()));
    }

    /** The names (never the values) of the variables still needed to use Langfuse. */
    public static List<String> missing(Env env) {
        List<String> out = new ArrayList<>();
        if (!env.has(PUBLIC_KEY)) {
            out.add(PUBLIC_KEY);
        }
        if (!env.has(SECRET_KEY)) {
            out.add(SECRET_KEY);
        }
        if (!env.has(HOST) && !env.has(BASE_URL)) {
            out.add(HOST + " (or " + BASE_URL + ")");
        }
        return out;
    }

    /** The host as users write it, without a trailing slash. */
    public String hostText() {
        String s = host.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public String toString() {
        return "LangfuseSettings[host=" + hostText() + ", keys=<hidden>]";
    }

    private static HttpUrl parseHost(String host) {
        HttpUrl url = host == null ? null : HttpUrl.parse(host.strip());
        if (url == null) {
            throw VaaException.usage("Langfuse host \"" + host + "\" is not an http(s) URL; set " + HOST
                    + " like https://cloud.langfuse.com");
        }
        // Credentials never belong in the host; dropping them keeps every message that names the host clean.
        return url.newBuilder().username("").password("").build();
    }
}
