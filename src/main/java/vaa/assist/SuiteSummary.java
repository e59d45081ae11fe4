package vaa.assist;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import vaa.VaaException;
import vaa.io.AtomicFiles;
import vaa.io.Json;
import vaa.prompt.ModelSetup;
import vaa.stats.Stats;

/**
 * {@code experiments/<suite>/summary.json} (and {@code .md}): per conversation and overall, the steps,
 * how many the model answered, shown and skipped with their share of the answered steps, the tags,
 * TTFT and E2E p50/p95 over the answered steps, and the failures. Computed from the conversations'
 * records, so it is the same whether the suite ran in one go or was resumed.
 */
public record SuiteSummary(
        @JsonProperty("suite") String suite,
        @JsonProperty("status") String status,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("prompt") Map<String, Object> prompt,
        @JsonProperty("model") Map<String, Object> model,
        @JsonProperty("dry_run") boolean dryRun,
        @JsonProperty("overall") Totals overall,
        @JsonProperty("conversations") List<Conversation> conversations,
        @JsonProperty("skipped_state_files") List<SuitePlan.Skipped> skippedStateFiles) {

    public static final String COMPLETE = "complete";
    public static final String INCOMPLETE = "incomplete";

    /** Step counts and latencies of one conversation or of the whole suite; shares are of the answered steps. */
    public record Totals(
            @JsonProperty("conversations") int conversations,
            @JsonProperty("finished") int finished,
            @JsonProperty("steps") int steps,
            @JsonProperty("run") int run,
            @JsonProperty("answered") int answered,
            @JsonProperty("shown") int shown,
            @JsonProperty("skipped") int skipped,
            @JsonProperty("failed") int failed,
            @JsonProperty("show_share") Double showShare,
            @JsonProperty("skip_share") Double skipShare,
            @JsonProperty("tags") Map<String, Integer> tags,
            @JsonProperty("ttft_ms") Latency ttftMs,
            @JsonProperty("e2e_ms") Latency e2eMs) {

        static Totals of(List<StepOutcome> outcomes, int steps, int conversations, int finished) {
            int answered = 0;
            int shown = 0;
            int failed = 0;
            Map<String, Integer> tags = new TreeMap<>();
            for (StepOutcome o : outcomes) {
                answered += o.answered() ? 1 : 0;
                failed += "failed".equals(o.status()) ? 1 : 0;
                if (o.shown()) {
                    shown++;
                    tags.merge(o.tag(), 1, Integer::sum);
                }
            }
            return new Totals(conversations, finished, steps, outcomes.size(), answered, shown, answered - shown, failed,
                    share(shown, answered), share(answered - shown, answered), Collections.unmodifiableMap(tags),
                    Latency.of(outcomes, StepOutcome::ttftMs), Latency.of(outcomes, StepOutcome::e2eMs));
        }
    }

    /** p50 and p95 in milliseconds over the answered steps; null when none was answered. */
    public record Latency(@JsonProperty("p50") Double p50, @JsonProperty("p95") Double p95) {
        public static Latency of(List<StepOutcome> outcomes, Function<StepOutcome, Long> ms) {
            List<Double> values = new ArrayList<>();
            outcomes.stream().filter(StepOutcome::answered).map(ms).filter(v -> v != null).forEach(v -> values.add(v.doubleValue()));
            return new Latency(Stats.percentile(values, 50), Stats.percentile(values, 95));
        }
    }

    /** A failed step: which, and the error the log shows. */
    public record Failure(@JsonProperty("step") int step, @JsonProperty("error") String error) {}

    /**
     * One conversation: {@code status} is finished (every step recorded), partial or not started.
     */
    public record Conversation(
            @JsonProperty("name") String name,
            @JsonProperty("conversation") String conversation,
            @JsonProperty("state") String state,
            @JsonProperty("status") String status,
            @JsonProperty("totals") Totals totals,
            @JsonProperty("failures") List<Failure> failures) {}

    public static Path jsonPath(Path workspace, String suite) {
        return workspace.resolve(ExperimentFiles.DIR).resolve(suite).resolve("summary.json");
    }

    public static Path markdownPath(Path workspace, String suite) {
        return workspace.resolve(ExperimentFiles.DIR).resolve(suite).resolve("summary.md");
    }

    /** The summary of what the suite's files hold now; {@code incomplete} when the run stopped early. */
    static SuiteSummary of(Path workspace, SuitePlan plan, boolean incomplete) {
        List<Conversation> conversations = new ArrayList<>();
        List<StepOutcome> all = new ArrayList<>();
        int finished = 0;
        for (ExperimentPlan c : plan.conversations()) {
            List<StepOutcome> outcomes = RecordsFile.read(ExperimentFiles.recordsPath(workspace, c.runName())).outcomes();
            int steps = c.state().steps().size();
            boolean done = outcomes.size() == steps;
            finished += done ? 1 : 0;
            all.addAll(outcomes);
            List<Failure> failures = outcomes.stream().filter(o -> "failed".equals(o.status()))
                    .map(o -> new Failure(o.step(), o.error())).toList();
            conversations.add(new Conversation(SuitePlan.memberName(c), c.state().conversation(), c.stateDisplay(),
                    done ? "finished" : outcomes.isEmpty() ? "not started" : "partial",
                    Totals.of(outcomes, steps, 1, done ? 1 : 0), failures));
        }
        Totals overall = Totals.of(all, plan.steps(), plan.conversations().size(), finished);
        boolean complete = !incomplete && finished == plan.conversations().size();
        return new SuiteSummary(plan.runName(), complete ? COMPLETE : INCOMPLETE, plan.createdAt(),
                ModelSetup.describe(plan.prompt()), model(plan),
                plan.dryRun(), overall, conversations, plan.skipped());
    }

    private static Map<String, Object> model(SuitePlan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", plan.model().key());
        m.put("label", plan.model().label());
        m.put("model", plan.model().model());
        return m;
    }

    void write(Path workspace) {
        Path json = jsonPath(workspace, suite);
        try {
            Json.write(json, this);
            AtomicFiles.writeString(markdownPath(workspace, suite), SuiteMarkdown.summary(this));
        } catch (IOException e) {
            throw VaaException.failure("Cannot write the summary in " + json.getParent() + ": " + e.getMessage(), e);
        }
    }

    static Double share(int part, int whole) {
        return whole == 0 ? null : Math.round(10000.0 * part / whole) / 10000.0;
    }
}
