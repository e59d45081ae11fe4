package vaa.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vaa.VaaException;
import vaa.io.Json;

/**
 * What a kill between writing a temporary file and renaming it leaves in a run: {@code .<name>.<digits>.tmp} (see
 * {@link vaa.io.AtomicFiles}). When a writer takes the run's lock no other writer can be in the middle of one, so each
 * is either used — renamed into place, when it holds a complete answer whose file is missing: a model's response in
 * {@code cache/llm/} or a call's analysis, which would otherwise be paid for again — or removed. Files written
 * without the lock ({@code reports/asks/}, the ask index) are left alone.
 */
final class RunTemporaries {
    private static final Pattern TEMP = Pattern.compile("\\.(.+)\\.\\d+\\.tmp");
    private static final String ERROR_SUFFIX = ".error.json";

    /** How many temporaries were renamed into place and how many removed. */
    record Outcome(int used, int removed) {}

    private RunTemporaries() {}

    static Outcome recover(Run run) {
        int[] counts = new int[2];
        // the legacy layout's root is the workspace, where pointer files are written without any run's lock
        List<Path> dirs = run.isLegacy()
                ? List.of(run.sampledDir(), run.analysesDir(), run.reportsDir(), run.llmCacheDir())
                : List.of(run.dir(), run.sampledDir(), run.analysesDir(), run.reportsDir(), run.llmCacheDir());
        for (Path dir : dirs) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".*.tmp")) {
                for (Path temp : ds) {
                    Matcher m = TEMP.matcher(temp.getFileName().toString());
                    if (m.matches() && Files.isRegularFile(temp)) {
                        counts[settle(run, dir, temp, m.group(1)) ? 0 : 1]++;
                    }
                }
            } catch (NoSuchFileException e) {
                // a directory the run has not made yet holds no leftovers
            } catch (IOException e) {
                throw VaaException.failure("Cannot clear interrupted writes in " + dir + ": " + e.getMessage(), e);
            }
        }
        return new Outcome(counts[0], counts[1]);
    }

    /** Renames the temporary into place when it is a complete answer whose file is missing; removes it otherwise. */
    private static boolean settle(Run run, Path dir, Path temp, String name) throws IOException {
        Path target = dir.resolve(name);
        if (!Files.exists(target) && isCompleteAnswer(run, dir, name, temp)) {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            if (dir.equals(run.analysesDir()) && !name.endsWith(ERROR_SUFFIX)) {
                // as the analyzer does once a call succeeds: the older failure is over
                Files.deleteIfExists(dir.resolve(name.substring(0, name.length() - ".json".length()) + ERROR_SUFFIX));
            }
            return true;
        }
        Files.delete(temp);
        return false;
    }

    /**
     * A complete file of the expected shape: a cached response names its own key and holds the content; an analysis
     * (or a failure) names its call; config.json and status.json belong to this run. Anything else — sampled copies
     * and reports, which the stages make again — is not worth keeping.
     */
    private static boolean isCompleteAnswer(Run run, Path dir, String name, Path temp) {
        if (!name.endsWith(".json")) {
            return false;
        }
        String stem = name.substring(0, name.length() - ".json".length());
        JsonNode doc;
        try {
            doc = Json.MAPPER.readTree(temp.toFile());
        } catch (IOException e) {
            return false; // cut short before it was complete
        }
        if (doc == null || !doc.isObject()) {
            return false;
        }
        if (dir.equals(run.llmCacheDir())) {
            return stem.equals(doc.path("key").asText()) && doc.path("content").isTextual();
        }
        if (dir.equals(run.analysesDir())) {
            if (name.endsWith(ERROR_SUFFIX)) {
                String id = name.substring(0, name.length() - ERROR_SUFFIX.length());
                return id.equals(doc.path("call_id").asText()) && doc.path("error").isTextual()
                        && !Files.exists(dir.resolve(id + ".json"));
            }
            return stem.equals(doc.path("call_id").asText()) && doc.has("schema_version") && doc.path("structural").isObject();
        }
        if (dir.equals(run.dir())) {
            return (name.equals(Run.CONFIG) || name.equals(Run.STATUS)) && run.id().equals(doc.path("run_id").asText());
        }
        return false;
    }
}
