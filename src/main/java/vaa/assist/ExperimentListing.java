package vaa.assist;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import vaa.VaaException;
import vaa.io.AtomicFiles;

/**
 * One line of {@code vaa assist list}: a past experiment or suite, with its prompt and version,
 * model, conversations, show rate (of the answered steps) and when it was last written.
 *
 * @param status complete (every conversation finished), incomplete, or why it cannot be read
 */
public record ExperimentListing(
        @JsonProperty("name") String name,
        @JsonProperty("kind") String kind,
        @JsonProperty("prompt") String prompt,
        @JsonProperty("prompt_version") Integer promptVersion,
        @JsonProperty("model_key") String modelKey,
        @JsonProperty("model") String model,
        @JsonProperty("conversations") int conversations,
        @JsonProperty("finished") int finished,
        @JsonProperty("steps") int steps,
        @JsonProperty("answered") int answered,
        @JsonProperty("shown") int shown,
        @JsonProperty("show_share") Double showShare,
        @JsonProperty("status") String status,
        @JsonProperty("when") String when) {

    /** Everything under {@code experiments/}, most recently written first. */
    public static List<ExperimentListing> list(Path workspace, ZoneId zone) {
        Path dir = workspace.resolve(ExperimentFiles.DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<ExperimentListing> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                String file = p.getFileName().toString();
                if (Files.isDirectory(p) && Files.isRegularFile(p.resolve(SuiteManifest.FILE))) {
                    out.add(of(workspace, file, "suite", zone));
                } else if (file.endsWith(".jsonl") && Files.isRegularFile(p) && !AtomicFiles.isTempFile(p)) {
                    out.add(of(workspace, file.substring(0, file.length() - ".jsonl".length()), "experiment", zone));
                }
            }
        } catch (IOException e) {
            throw VaaException.failure("Cannot list " + dir + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(ExperimentListing::when, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(ExperimentListing::name));
        return out;
    }

    private static ExperimentListing of(Path workspace, String name, String kind, ZoneId zone) {
        ExperimentSet set;
        try {
            set = ExperimentSet.load(workspace, name);
        } catch (VaaException e) {
            return new ExperimentListing(name, kind, null, null, null, null, 0, 0, 0, 0, 0, null, "unreadable: " + e.getMessage(), null);
        }
        List<StepOutcome> outcomes = set.outcomes();
        int answered = (int) outcomes.stream().filter(StepOutcome::answered).count();
        int shown = (int) outcomes.stream().filter(StepOutcome::shown).count();
        int finished = (int) set.conversations().stream().filter(ExperimentSet.Member::finished).count();
        int steps = set.conversations().stream().mapToInt(ExperimentSet.Member::steps).sum();
        String when = LocalDateTime.ofInstant(set.lastWritten().toInstant(), zone).truncatedTo(ChronoUnit.SECONDS).toString();
        return new ExperimentListing(name, kind, set.promptName(), set.promptVersion(), set.modelKey(), set.modelLabel(),
                set.conversations().size(), finished, steps, answered, shown, SuiteSummary.share(shown, answered),
                finished == set.conversations().size() ? "complete" : "incomplete", when);
    }
}
