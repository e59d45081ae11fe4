package vaa.llm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vaa.VaaException;
import vaa.io.Env;

/**
 * A provider's extra request headers with their {@code ${VARIABLE}} references filled in from the
 * environment. A value may be a credential (a gateway token), so, like {@link ApiKey}, every
 * string form shows the names only and there is no bean getter; only the HTTP client reads values.
 */
public final class RequestHeaders {
    public static final RequestHeaders NONE = new RequestHeaders(Map.of(), List.of());

    private static final Pattern NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Map<String, String> values;
    private final List<String> substituted;

    private RequestHeaders(Map<String, String> values, List<String> substituted) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.substituted = List.copyOf(substituted);
    }

    /** Checks a catalog's {@code "headers"}: valid names, none that would replace the key's own header. */
    static void validate(Map<String, String> templates, Auth auth, String where) {
        templates.forEach((name, value) -> {
            if (!NAME.matcher(name).matches()) {
                throw VaaException.usage(where + ": \"" + name + "\" is not a valid HTTP header name");
            }
            if (auth.header().filter(name::equalsIgnoreCase).isPresent()) {
                throw VaaException.usage(where + ": header \"" + name + "\" carries the key with \"auth\": \""
                        + auth.configName() + "\"; use \"auth\": \"none\" to send your own");
            }
        });
    }

    /** Fills in {@code ${VAR}}; a variable that is not set is an error naming it (never a value). */
    static RequestHeaders resolve(Map<String, String> templates, Env env, String provider) {
        if (templates.isEmpty()) {
            return NONE;
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> substituted = new ArrayList<>();
        templates.forEach((name, template) -> {
            Matcher m = VARIABLE.matcher(template);
            StringBuilder value = new StringBuilder();
            while (m.find()) {
                String variable = m.group(1);
                String v = env.get(variable).orElseThrow(() -> VaaException.usage("Header \"" + name + "\" of provider "
                        + provider + " uses ${" + variable + "}, which is not set. Set it in the environment or in .env"));
                substituted.add(v);
                m.appendReplacement(value, Matcher.quoteReplacement(v));
            }
            m.appendTail(value);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c != '\t' && (c < 0x20 || c > 0x7e)) {
                    // the HTTP client would refuse it and quote the value in its message
                    throw VaaException.usage("Header \"" + name + "\" of provider " + provider
                            + " has a character HTTP headers cannot carry (position " + (i + 1) + ")");
                }
            }
            values.put(name, value.toString());
        });
        return new RequestHeaders(values, substituted);
    }

    public Set<String> names() {
        return values.keySet();
    }

    /** Name to value, for the HTTP client only. */
    Map<String, String> reveal() {
        return values;
    }

    /** The variable values put into headers, which provider messages must not echo either. */
    List<String> secrets() {
        return substituted;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestHeaders other && other.values.equals(values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        return "RequestHeaders" + values.keySet();
    }
}
