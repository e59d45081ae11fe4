package vaa.ui;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import vaa.VaaException;
import vaa.io.Prompter;

/** {@link Prompter} drawn and read with JLine, in seed 002's look: bold questions, cyan menu keys. */
public final class JLinePrompter implements Prompter {
    private final LineReader reader;
    private final Style style;

    public JLinePrompter(LineReader reader, Style style) {
        this.reader = reader;
        this.style = style;
    }

    @Override
    public String ask(String question, String defaultValue) {
        String suffix = defaultValue == null || defaultValue.isEmpty() ? "" : " [" + defaultValue + "]";
        String answer = read(style.bold(question + suffix + ": "));
        return answer.isEmpty() && defaultValue != null ? defaultValue : answer;
    }

    @Override
    public boolean confirm(String question, boolean defaultYes) {
        String answer = read(style.bold(question + " (" + (defaultYes ? "Y/n" : "y/N") + "): ")).toLowerCase(Locale.ROOT);
        if (answer.isEmpty()) {
            return defaultYes;
        }
        return answer.equals("y") || answer.equals("yes");
    }

    @Override
    public int choose(String title, List<String> options) {
        PrintWriter out = writer();
        out.println();
        out.println(style.bold(title));
        for (int i = 0; i < options.size(); i++) {
            out.println("  " + style.cyan(String.valueOf(i + 1)) + ") " + options.get(i));
        }
        out.flush();
        while (true) {
            String answer = read(style.bold("Select [1-" + options.size() + "]: "));
            Integer n = parse(answer);
            if (n != null && n >= 1 && n <= options.size()) {
                return n - 1;
            }
            out.println(style.red("[error]") + " Invalid choice. Enter 1-" + options.size() + ".");
            out.flush();
        }
    }

    @Override
    public String chooseKey(String title, List<Option> options, String question, String defaultKey) {
        PrintWriter out = writer();
        out.println();
        out.println(style.bold(title));
        for (Option o : options) {
            String marker = o.key().equals(defaultKey) ? " (default)" : "";
            out.println("  " + style.cyan(o.key()) + ") " + o.label() + marker);
        }
        out.flush();
        return ask(question, defaultKey);
    }

    private PrintWriter writer() {
        return reader.getTerminal().writer();
    }

    private String read(String prompt) {
        try {
            return reader.readLine(prompt).strip();
        } catch (UserInterruptException e) {
            throw new VaaException(VaaException.INTERRUPTED, "Interrupted.");
        } catch (EndOfFileException e) {
            throw VaaException.failure("No answer: the input ended (Ctrl+D).");
        }
    }

    private static Integer parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
