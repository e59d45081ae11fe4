package vaa.assist;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an assist prompt answered: {@code skip}, or {@code show|<tag>} with the suggestion on the
 * following lines. {@code warning} is set when the first line was neither and the whole answer is
 * taken as {@code show|unknown}.
 */
public record AssistResponse(Decision decision, String tag, String body, Optional<String> warning) {
    public enum Decision {
        SHOW, SKIP;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final String UNKNOWN_TAG = "unknown";

    private static final Pattern THINK = Pattern.compile("<think>.*?</think>", Pattern.DOTALL);
    // Python's re.match: anchored at the start only, \w Unicode-aware
    private static final Pattern SHOW = Pattern.compile("^show\\|(\\w+)", Pattern.UNICODE_CHARACTER_CLASS);

    public boolean shown() {
        return decision == Decision.SHOW;
    }

    /** "show|objection" or "skip", as the log's Decision section writes it. */
    public String decisionLine() {
        return shown() ? "show|" + tag : "skip";
    }

    /**
     * Parses a raw answer the way the seed does: {@code <think>…</think>} blocks removed, the first
     * line compared case-insensitively; for {@code show|<tag>} the tag is the word after the bar
     * (lower-cased, anything after it ignored) and the body the rest of the answer, trimmed.
     */
    public static AssistResponse parse(String raw) {
        String text = THINK.matcher(raw == null ? "" : raw).replaceAll("").strip();
        int newline = text.indexOf('\n');
        String first = newline < 0 ? text : text.substring(0, newline);
        String rest = newline < 0 ? null : text.substring(newline + 1);
        String firstLine = first.strip().toLowerCase(Locale.ROOT);
        if (firstLine.equals("skip")) {
            return new AssistResponse(Decision.SKIP, null, "", Optional.empty());
        }
        Matcher m = SHOW.matcher(firstLine);
        if (m.find()) {
            return new AssistResponse(Decision.SHOW, m.group(1), rest == null ? "" : rest.strip(), Optional.empty());
        }
        String warning = "Unexpected first line format: '" + Py.head(first.strip(), 60) + "' — treating as show|unknown";
        return new AssistResponse(Decision.SHOW, UNKNOWN_TAG, text, Optional.of(warning));
    }
}
