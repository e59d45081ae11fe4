package vaa.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import vaa.io.Json;
import vaa.run.Run;

/**
 * The one way to walk a run's {@code analyses/}: {@code <id>.json} analyses and {@code <id>.error.json}
 * failures, in call-id order, skipping leftovers of interrupted writes. One file is parsed at a
 * time, so callers that fold as they go keep memory flat however many calls there are.
 */
public final class AnalysisFiles {
    public static final String ERROR_SUFFIX = ".error.json";

    /** What a walk meets; only {@link #analysis} is required. */
    public interface Visitor {
        void analysis(Path file, JsonNode doc);

        default void failed(Path file) {}

        default void unreadable(Path file, IOException e) {}
    }

    private AnalysisFiles() {}

    /** Analysis and error files, sorted by name. */
    public static List<Path> list(Run run) {
        return run.jsonFiles(run.analysesDir());
    }

    public static boolean isError(Path file) {
        return file.getFileName().toString().endsWith(ERROR_SUFFIX);
    }

    public static void forEach(Run run, Visitor visitor) {
        for (Path p : list(run)) {
            if (isError(p)) {
                visitor.failed(p);
                continue;
            }
            JsonNode doc;
            try {
                doc = Json.MAPPER.readTree(p.toFile());
            } catch (IOException e) {
                visitor.unreadable(p, e);
                continue;
            }
            visitor.analysis(p, doc);
        }
    }
}
