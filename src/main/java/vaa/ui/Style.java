package vaa.ui;

/**
 * ANSI colours that switch off with {@code --no-color}, {@code NO_COLOR} or a non-terminal.
 * Colours are the seed's: cyan info, green ok, yellow warn, red error, bold magenta headers.
 */
public final class Style {
    private static final String RESET = "\033[0m";

    private final boolean enabled;

    public Style(boolean enabled) {
        this.enabled = enabled;
    }

    public static Style plain() {
        return new Style(false);
    }

    public boolean enabled() {
        return enabled;
    }

    public String bold(String s) {
        return wrap("\033[1m", s);
    }

    public String dim(String s) {
        return wrap("\033[2m", s);
    }

    public String red(String s) {
        return wrap("\033[31m", s);
    }

    public String green(String s) {
        return wrap("\033[32m", s);
    }

    public String yellow(String s) {
        return wrap("\033[33m", s);
    }

    public String magenta(String s) {
        return wrap("\033[35m", s);
    }

    public String cyan(String s) {
        return wrap("\033[36m", s);
    }

    public String header(String s) {
        return wrap("\033[1m\033[35m", s);
    }

    private String wrap(String code, String s) {
        return enabled ? code + s + RESET : s;
    }
}
