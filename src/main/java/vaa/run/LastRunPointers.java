package vaa.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import vaa.VaaException;
import vaa.io.AtomicFiles;

/**
 * {@code .last_run.<tty>} (one per terminal) and {@code .last_run} (scripts, cron): which run the
 * next command in this terminal uses when none is named.
 */
public final class LastRunPointers {
    public static final String GLOBAL = ".last_run";

    private final Path workspace;
    private final Optional<String> tty;

    public LastRunPointers(Path workspace, Optional<String> tty) {
        this.workspace = workspace;
        this.tty = tty;
    }

    /** A pointer that was found: the file it came from and the run id it holds. */
    public record Pointer(String fileName, String runId) {}

    /** The file this terminal writes: {@code .last_run.<tty>} on a terminal, {@code .last_run} otherwise. */
    public String fileName() {
        return tty.map(t -> GLOBAL + "." + t).orElse(GLOBAL);
    }

    public void write(String runId) {
        try {
            AtomicFiles.writeString(workspace.resolve(fileName()), runId + "\n");
        } catch (IOException e) {
            throw VaaException.failure("Cannot write " + fileName() + ": " + e.getMessage(), e);
        }
    }

    /** The line the seed prints after creating a run. */
    public String savedMessage() {
        return tty.isPresent()
                ? "(saved to " + fileName() + " - tools in this terminal will use it)"
                : "(saved to " + fileName() + ")";
    }

    /** This terminal's pointer first, then the global one. */
    public Optional<Pointer> read() {
        if (tty.isPresent()) {
            Optional<Pointer> own = readFile(fileName());
            if (own.isPresent()) {
                return own;
            }
        }
        return readFile(GLOBAL);
    }

    private Optional<Pointer> readFile(String name) {
        Path file = workspace.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String id = Files.readString(file, StandardCharsets.UTF_8).strip();
            return id.isEmpty() ? Optional.empty() : Optional.of(new Pointer(name, id));
        } catch (IOException e) {
            throw VaaException.failure("Cannot read " + name + ": " + e.getMessage(), e);
        }
    }
}
