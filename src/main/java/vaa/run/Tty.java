package vaa.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The name of the terminal on stdin, e.g. {@code pts-3} or {@code ttys003}; empty when stdin is not a terminal. */
public final class Tty {
    private Tty() {}

    public static Optional<String> stdinName() {
        Path fd0 = Path.of("/proc/self/fd/0");
        if (Files.exists(Path.of("/proc/self/fd"))) {
            try {
                return fromDevicePath(Files.readSymbolicLink(fd0).toString());
            } catch (IOException | UnsupportedOperationException e) {
                return Optional.empty();
            }
        }
        return fromTtyCommand();
    }

    /** {@code /dev/pts/3} → {@code pts-3}; {@code /dev/ttys003} → {@code ttys003}; pipes and files → empty. */
    static Optional<String> fromDevicePath(String device) {
        if (!device.startsWith("/dev/") || device.equals("/dev/null")) {
            return Optional.empty();
        }
        String rest = device.substring(5);
        if (!(rest.startsWith("pts/") || rest.startsWith("tty") || rest.startsWith("console"))) {
            return Optional.empty();
        }
        String name = rest.replace('/', '-').replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    /** macOS and other systems without /proc: ask {@code tty}, which reads the inherited stdin. */
    private static Optional<String> fromTtyCommand() {
        try {
            Process p = new ProcessBuilder("tty")
                    .redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(2, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            return fromDevicePath(out);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
