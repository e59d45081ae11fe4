package vaa.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vaa.VaaException;

/**
 * Opens a file the way the desktop would: {@code $BROWSER} when it is set (the usual convention, and how tests and
 * remote sessions choose), else {@code open} on macOS, {@code xdg-open} elsewhere.
 */
public final class Desktop {
    private final Optional<String> browser;

    public Desktop(Optional<String> browser) {
        this.browser = browser.filter(b -> !b.isBlank());
    }

    /** The command named in hints ("Open it: xdg-open …"). */
    public static String opener() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("mac") ? "open" : os.contains("win") ? "start" : "xdg-open";
    }

    public void open(Path file) {
        List<String> command = new ArrayList<>(List.of(browser.orElse(opener()).strip().split("\\s+")));
        command.add(file.toAbsolutePath().toString());
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) {
                throw failed(file, command.get(0) + " exited with " + p.exitValue());
            }
        } catch (IOException e) {
            throw failed(file, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaaException(VaaException.INTERRUPTED, "Interrupted while opening " + file);
        }
    }

    private static VaaException failed(Path file, String why) {
        return VaaException.failure("Could not open the report (" + why + "); open " + file + " in a browser, or set BROWSER.");
    }
}
