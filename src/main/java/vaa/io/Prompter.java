package vaa.io;

import java.util.List;

/**
 * Questions a command asks the person at the terminal, in the shapes of seed 002's helpers. Core
 * code asks through this interface and never learns how the question is drawn; the JLine version
 * lives in {@code vaa.ui}, tests script it.
 *
 * <p>Every method blocks until answered. Ctrl+C ends the command with exit 130; end of input
 * (Ctrl+D) ends it with exit 1, because there is no answer to go on with.
 */
public interface Prompter {

    /** One entry of a keyed menu: what to type, and what is shown beside it. */
    record Option(String key, String label) {}

    /**
     * {@code question [default]: } — the trimmed answer, or {@code defaultValue} when the answer is
     * empty. An empty {@code defaultValue} shows no brackets and lets an empty answer through.
     */
    String ask(String question, String defaultValue);

    /** {@code question (Y/n): } — y or yes is true, Enter alone is {@code defaultYes}, anything else false. */
    boolean confirm(String question, boolean defaultYes);

    /**
     * A numbered menu {@code 1) first ... n) last} under {@code title}, asked again until the answer
     * is a number in range. Returns the 0-based index of the chosen option.
     */
    int choose(String title, List<String> options);

    /**
     * A keyed menu ({@code key) label}, the default marked) followed by {@code question [default]: }.
     * Returns what was typed, trimmed, or {@code defaultKey} on Enter. The answer is not checked
     * against the keys: callers differ in what an unknown key means (fall back, or ask again).
     */
    String chooseKey(String title, List<Option> options, String question, String defaultKey);
}
