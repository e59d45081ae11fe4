package vaa.assist;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** Experiment run names: the seed's default, and what makes a name usable as a file name. */
public final class RunNames {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final int MAX = 200;

    private RunNames() {}

    /**
     * {@code <model-slug>_<prompt>_v<version>_<yyyyMMdd_HHmmss>}, the slug being the model label lower-cased,
     * spaces to dashes, parentheses dropped ("gemini-3-flash-minimal-thinking"). A folder-style prompt
     * name has its slashes turned into dashes so the name stays one file.
     */
    public static String defaultName(String modelLabel, String promptName, int promptVersion, LocalDateTime now) {
        String slug = modelLabel.toLowerCase(Locale.ROOT).replace(" ", "-").replace("(", "").replace(")", "");
        return safe(slug) + "_" + safe(promptName) + "_v" + promptVersion + "_" + STAMP.format(now);
    }

    /** Why a name cannot be used, if it cannot: it must be one file name, and not taken in experiments/. */
    public static Optional<String> problem(Path workspace, String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("A run name is required");
        }
        if (name.length() > MAX) {
            return Optional.of("Run name is longer than " + MAX + " characters");
        }
        if (name.startsWith(".") || name.contains("/") || name.contains("\\") || name.chars().anyMatch(c -> c < 0x20)) {
            return Optional.of("Run name \"" + name + "\" must be a plain file name (no slashes, not starting with '.')");
        }
        if (SuiteManifest.exists(workspace, name)) {
            return Optional.of("A suite named \"" + name + "\" exists already in " + ExperimentFiles.DIR
                    + "/ (to continue it: vaa assist --resume " + name + ")");
        }
        if (ExperimentFiles.taken(workspace, name)) {
            return Optional.of("An experiment named \"" + name + "\" exists already in " + ExperimentFiles.DIR + "/");
        }
        return Optional.empty();
    }

    private static String safe(String s) {
        return s.replace('/', '-').replace('\\', '-');
    }
}
