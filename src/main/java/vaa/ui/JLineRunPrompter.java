package vaa.ui;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import vaa.VaaException;
import vaa.run.RunPrompter;
import vaa.run.RunSummary;

/** Seed 000's "CONTINUE WITH RUN?" and "RUN SELECTION" screens, drawn and read with JLine. */
public final class JLineRunPrompter implements RunPrompter {
    private static final String RULE = "=".repeat(60);

    private final LineReader reader;
    private final Style style;

    public JLineRunPrompter(LineReader reader, Style style) {
        this.reader = reader;
        this.style = style;
    }

    @Override
    public ContinueChoice confirmContinue(RunSummary run, String pointerFile) {
        PrintWriter out = reader.getTerminal().writer();
        out.println();
        out.println(style.bold(RULE));
        out.println(style.bold("CONTINUE WITH RUN? (from " + pointerFile + ")"));
        out.println(style.bold(RULE));
        out.println();
        out.println("  Run ID:    " + style.cyan(run.id()));
        out.println("  Path:      " + run.path());
        out.println("  Modified:  " + display(run.modifiedAt()));
        out.println("  Contents:  " + run.contents());
        out.println();
        out.println("Options:");
        out.println("  [Enter] Continue with this run");
        out.println("  [c]     Choose a DIFFERENT run");
        out.println("  [q]     Quit");
        out.println();
        while (true) {
            String answer = read("Select option: ");
            switch (answer.toLowerCase(Locale.ROOT)) {
                case "":
                    return ContinueChoice.CONTINUE;
                case "c":
                    return ContinueChoice.CHOOSE_OTHER;
                case "q":
                    return ContinueChoice.QUIT;
                default:
                    out.println(style.red("Invalid option '" + answer + "'. Press Enter, c or q."));
            }
        }
    }

    @Override
    public Selection select(List<RunSummary> runs, Predicate<String> validId) {
        PrintWriter out = reader.getTerminal().writer();
        out.println();
        out.println(style.bold(RULE));
        out.println(style.bold("RUN SELECTION"));
        out.println(style.bold(RULE));
        out.println();
        if (runs.isEmpty()) {
            out.println("No existing runs.");
        } else {
            out.println("Existing runs (" + runs.size() + "):");
            for (int i = 0; i < runs.size(); i++) {
                RunSummary r = runs.get(i);
                out.println("  [" + (i + 1) + "] " + style.cyan(r.id()) + "  (" + display(r.createdAt()) + ")");
            }
        }
        out.println();
        out.println("Options:");
        out.println("  [n] Create NEW run (auto-generated timestamp ID)");
        out.println("  [c] Create NEW run with CUSTOM ID");
        if (!runs.isEmpty()) {
            out.println("  [1-" + runs.size() + "] Use existing run (number from list above)");
        }
        out.println("  [l] Use LEGACY mode (flat directories, no isolation)");
        out.println("  [q] Quit");
        out.println();
        while (true) {
            String answer = read("Select option: ");
            switch (answer.toLowerCase(Locale.ROOT)) {
                case "n":
                    return new NewRun();
                case "l":
                    return new Legacy();
                case "q":
                    return new Quit();
                case "c":
                    String id = askCustomId(out, validId);
                    return id == null ? new Quit() : new CustomRun(id);
                default:
                    Integer n = parseNumber(answer);
                    if (n != null && n >= 1 && n <= runs.size()) {
                        return new ExistingRun(runs.get(n - 1).id());
                    }
                    out.println(style.red("Invalid option '" + answer + "'."
                            + (runs.isEmpty() ? " Choose n, c, l or q." : " Choose n, c, 1-" + runs.size() + ", l or q.")));
            }
        }
    }

    private String askCustomId(PrintWriter out, Predicate<String> validId) {
        while (true) {
            String id = read("Custom run ID (empty to quit): ");
            if (id.isEmpty() || id.equals("q")) {
                return null;
            }
            if (validId.test(id)) {
                return id;
            }
            out.println(style.red("Invalid run id '" + id + "': use letters, digits, '.', '_' or '-' (not 'latest')."));
        }
    }

    private String read(String prompt) {
        try {
            return reader.readLine(prompt).strip();
        } catch (UserInterruptException e) {
            throw new VaaException(VaaException.INTERRUPTED, "Interrupted.");
        } catch (EndOfFileException e) {
            return "q"; // Ctrl+D quits, as q does
        }
    }

    private static Integer parseNumber(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** "2026-01-21T14:30:00" → "2026-01-21 14:30". */
    private static String display(String iso) {
        if (iso == null) {
            return "?";
        }
        String s = iso.replace('T', ' ');
        return s.length() >= 16 ? s.substring(0, 16) : s;
    }
}
