package vaa.assist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vaa.VaaException;

/**
 * The transcript windows of an experiment, read back from its log: exactly what the model saw at
 * each step (the records do not repeat them). Steps are found in order, each window between its
 * step's Transcript and State titles.
 */
final class LogWindows {
    private static final Pattern STEP = Pattern.compile("^\\[Step (\\d+)/\\d+ \u00b7 ", Pattern.MULTILINE);

    private LogWindows() {}

    /** Step number to window; empty for a missing log. */
    static Map<Integer, String> read(Path log) {
        String text;
        try {
            text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw VaaException.failure("Cannot read " + log + ": " + e.getMessage(), e);
        }
        Map<Integer, String> windows = new HashMap<>();
        Matcher m = STEP.matcher(text);
        int from = 0;
        while (from < text.length() && m.find(from)) {
            int start = text.indexOf(LogFormat.TRANSCRIPT_SECTION, m.end());
            int end = start < 0 ? -1 : text.indexOf("\n\n" + LogFormat.STATE_SECTION, start);
            if (end < 0) {
                break;
            }
            windows.putIfAbsent(Integer.parseInt(m.group(1)), text.substring(start + LogFormat.TRANSCRIPT_SECTION.length(), end));
            from = end;
        }
        return windows;
    }
}
