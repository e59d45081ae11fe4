package vaa.run;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import vaa.VaaException;

/** Run id rules: generated ids are {@code run_YYYYMMDD_HHMMSS}; custom ids are one safe path segment. */
public final class RunIds {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** The run {@code vaa runs migrate} moves the old flat layout into by default; never created any other way. */
    public static final String MIGRATED = "legacy";

    /** What runs/latest is called; an alias for the newest run wherever an existing run is named. */
    static final String LATEST = "latest";

    private RunIds() {}

    public static String generated(LocalDateTime now) {
        return "run_" + STAMP.format(now);
    }

    /** Returns the id when it is a single safe path segment; otherwise exits 2 with the reason. */
    public static String requireValid(String id) {
        if (id == null || id.isEmpty()) {
            throw VaaException.usage("Run id must not be empty.");
        }
        if (id.equals(LATEST)) {
            throw VaaException.usage("Run id 'latest' is reserved (runs/latest points at the newest run); choose another name.");
        }
        if (id.equals(MIGRATED)) {
            throw VaaException.usage("Run id '" + MIGRATED + "' is reserved for the old flat layout moved by"
                    + " vaa runs migrate; choose another name.");
        }
        if (!SAFE.matcher(id).matches() || id.contains("..")) {
            throw VaaException.usage("Invalid run id '" + id + "': use letters, digits, '.', '_' or '-' "
                    + "(one path segment, starting with a letter or digit, at most 128 characters).");
        }
        return id;
    }

    /**
     * How a run is named wherever a name, not a path, is expected ({@code $LAST_RUN}, {@code .last_run*}, the RUN
     * argument of {@code runs show/compare/export/seal} and {@code --from}): an existing run's id, or {@code latest}.
     * Returns it, or exits 2 saying why ({@code where} starts the message: {@code "LAST_RUN="}), so that no name can
     * reach outside {@code runs/}.
     */
    public static String requireName(String name, String where) {
        if (isName(name)) {
            return name;
        }
        throw VaaException.usage(where + "'" + shown(name) + "' is not a run id: a run is named by its id under runs/"
                + " (letters, digits, '.', '_' or '-'; one path segment); a directory elsewhere is given with --run-dir PATH.");
    }

    /** An existing run's id, or {@code latest} (what runs/latest points at). */
    public static boolean isName(String name) {
        return LATEST.equals(name) || isExistingName(name);
    }

    /** A value read from the user or a file, safe to print: control characters escaped, at most 60 characters. */
    public static String shown(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        value.codePoints().limit(60).forEach(c -> b.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : Character.toString(c)));
        return value.codePointCount(0, value.length()) > 60 ? b + "..." : b.toString();
    }

    /** A name an existing run directory may have: any valid id, or the migrated legacy run. */
    public static boolean isExistingName(String id) {
        return MIGRATED.equals(id) || isValid(id);
    }

    public static boolean isValid(String id) {
        try {
            requireValid(id);
            return true;
        } catch (VaaException e) {
            return false;
        }
    }

    /** Up to {@code max} of the given ids closest to a mistyped one (edit distance, at most half its length). */
    public static java.util.List<String> nearest(String typed, java.util.Collection<String> ids, int max) {
        int limit = Math.max(2, typed.length() / 2);
        return ids.stream()
                .map(id -> java.util.Map.entry(id, distance(typed, id)))
                .filter(e -> e.getValue() <= limit || e.getKey().startsWith(typed) || typed.startsWith(e.getKey()))
                .sorted(java.util.Map.Entry.<String, Integer>comparingByValue().thenComparing(java.util.Map.Entry.comparingByKey()))
                .limit(max).map(java.util.Map.Entry::getKey).toList();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
