package vaa.io;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code .env} file read the way python-dotenv reads it, so a file that works there works here:
 * {@code [export] KEY=VALUE} bindings, whitespace around {@code =}, {@code #} comments on their own
 * line and after a value. A single-quoted value is literal (only {@code \'} and {@code \\} are
 * escapes); a double-quoted one may span lines and decodes {@code \n}, {@code \t}, {@code \"} and the
 * other C escapes; an unquoted value ends at a {@code #} that follows whitespace and is stripped.
 * A line that does not parse (an unterminated quote, text after the closing quote) is skipped and
 * the next line is read as usual. No {@code ${VAR}} expansion.
 */
final class DotEnv {
    private final String text;
    private int pos;

    private DotEnv(String text) {
        this.text = text;
    }

    static Map<String, String> parse(String text) {
        return new DotEnv(text.startsWith("\uFEFF") ? text.substring(1) : text).bindings();
    }

    private Map<String, String> bindings() {
        Map<String, String> out = new LinkedHashMap<>();
        while (true) {
            skipWhile(" \t\r\n\f");
            if (pos >= text.length()) {
                return out;
            }
            String[] binding = binding();
            if (binding == null) {
                skipRestOfLine();   // from where parsing failed, as dotenv does
            } else if (binding[1] != null) {
                out.put(binding[0], binding[1]);   // a later binding of the same key wins, as in dotenv
            }
        }
    }

    /** {key, value}; value null for a comment line or a key without '='; null when the line does not parse. */
    private String[] binding() {
        if (startsWith("export") && pos + 6 < text.length() && isBlank(text.charAt(pos + 6))) {
            pos += 6;
            skipWhile(" \t");
        }
        if (peek() == '#') {
            skipRestOfLine();
            return new String[] {null, null};
        }
        String key = key();
        if (key == null) {
            return null;
        }
        skipWhile(" \t");
        String value = null;
        if (peek() == '=') {
            pos++;
            skipWhile(" \t");
            value = value();
            if (value == null) {
                return null;
            }
        }
        skipWhile(" \t");
        if (peek() == '#') {
            skipRestOfLine();
        }
        return endOfLine() ? new String[] {key, value} : null;
    }

    private String key() {
        if (peek() == '\'') {
            int close = text.indexOf('\'', pos + 1);
            if (close <= pos + 1) {
                return null;
            }
            String key = text.substring(pos + 1, close);
            pos = close + 1;
            return key;
        }
        int start = pos;
        while (pos < text.length() && "=#".indexOf(text.charAt(pos)) < 0 && !Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return pos > start ? text.substring(start, pos) : null;
    }

    private String value() {
        char first = peek();
        if (first == '\'' || first == '"') {
            return quoted(first);
        }
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
            pos++;
        }
        String raw = text.substring(start, pos);
        // "a#b" keeps its '#'; "a #b" is a value and a comment
        for (int i = 1; i < raw.length(); i++) {
            if (raw.charAt(i) == '#' && isBlank(raw.charAt(i - 1))) {
                raw = raw.substring(0, i);
                break;
            }
        }
        return raw.strip();
    }

    /** The quoted value with its escapes decoded, or null when the quote is never closed. */
    private String quoted(char quote) {
        StringBuilder b = new StringBuilder();
        int i = pos + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == quote) {
                pos = i + 1;
                return b.toString();
            }
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                String decoded = quote == '\'' ? (next == '\\' || next == '\'' ? String.valueOf(next) : null) : doubleQuoted(next);
                if (decoded != null) {
                    b.append(decoded);
                    i += 2;
                    continue;
                }
            }
            b.append(c);
            i++;
        }
        return null;
    }

    private static String doubleQuoted(char escaped) {
        return switch (escaped) {
            case '\\', '\'', '"' -> String.valueOf(escaped);
            case 'n' -> "\n";
            case 't' -> "\t";
            case 'r' -> "\r";
            case 'a' -> "\u0007";
            case 'b' -> "\b";
            case 'f' -> "\f";
            case 'v' -> "\u000B";
            default -> null;   // an unknown escape stays as written, backslash included
        };
    }

    private boolean endOfLine() {
        if (pos >= text.length()) {
            return true;
        }
        char c = text.charAt(pos);
        if (c == '\r' || c == '\n') {
            pos += c == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n' ? 2 : 1;
            return true;
        }
        return false;
    }

    private void skipRestOfLine() {
        while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
            pos++;
        }
    }

    private void skipWhile(String chars) {
        while (pos < text.length() && chars.indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private boolean startsWith(String prefix) {
        return text.startsWith(prefix, pos);
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
