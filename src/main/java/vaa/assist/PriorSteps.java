package vaa.assist;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vaa.VaaException;
import vaa.llm.ChatMessage;
import vaa.llm.LlmResponse;

/**
 * What an earlier, unfinished run of a suite's conversation left on disk, read back so that the
 * conversation continues where it stopped: the steps its records file holds are never asked again,
 * and the log is written again from them exactly as it was written the first time.
 *
 * @param prior         the recorded steps, as the runner had them
 * @param keepBytes     the length of the complete records
 * @param fresh         nothing was written yet: the files are created as for a new experiment
 * @param finished      every step is recorded and the log is complete: nothing to do
 */
record PriorSteps(List<StepRecord> prior, long keepBytes, boolean fresh, boolean finished) {
    static PriorSteps read(Path workspace, ExperimentPlan plan) {
        Path log = ExperimentFiles.logPath(workspace, plan.runName());
        Path recordsPath = ExperimentFiles.recordsPath(workspace, plan.runName());
        if (!Files.exists(log) && !Files.exists(recordsPath)) {
            return new PriorSteps(List.of(), 0, true, false);
        }
        RecordsFile records = RecordsFile.read(recordsPath);
        int total = plan.state().steps().size();
        List<StepRecord> prior = new ArrayList<>();
        List<Suggestion> shown = new ArrayList<>();
        for (JsonNode r : records.records()) {
            int i = prior.size();
            if (i >= total || r.path("step").asInt() != i + 1 || r.path("steps").asInt() != total
                    || r.path("utterance_index").asInt() != plan.state().steps().get(i).utteranceIndex()) {
                throw VaaException.usage(recordsPath + " does not match " + plan.stateDisplay() + " at step " + (i + 1)
                        + " (the state file changed since the suite began?); move the conversation's files away to replay it anew");
            }
            prior.add(step(plan, i, r, shown));
        }
        boolean finished = prior.size() == total && !records.tail() && logIs(log, fullLog(plan, prior));
        return new PriorSteps(prior, records.completeBytes(), false, finished);
    }

    /** The log of a finished experiment made of these steps. */
    static String fullLog(ExperimentPlan plan, List<StepRecord> steps) {
        StringBuilder out = new StringBuilder(LogFormat.header(plan));
        Tally tally = new Tally();
        for (StepRecord r : steps) {
            tally.add(r);
            out.append(LogFormat.step(r));
        }
        return out.append(LogFormat.footer(tally.result(plan.state().steps().size(), null, plan.dryRun()))).toString();
    }

    private static StepRecord step(ExperimentPlan plan, int i, JsonNode r, List<Suggestion> shown) {
        StepContext ctx = ExperimentRunner.context(plan, i);
        switch (r.path("status").asText()) {
            case "ok" -> {
                String raw = r.path("raw").asText("");
                AssistResponse answer = AssistResponse.parse(raw);
                JsonNode usage = r.path("usage");
                LlmResponse call = new LlmResponse(raw, r.path("ttft_ms").asLong(), r.path("e2e_ms").asLong(),
                        new LlmResponse.Usage(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong(),
                                usage.path("total_tokens").asLong()),
                        r.path("request_id").asText(""), r.path("model").path("served_model").asText(""), r.path("cached").asBoolean());
                if (answer.shown()) {
                    shown.add(new Suggestion(answer.tag(), answer.body()));
                }
                return StepRecord.ok(ctx, List.of(), call, answer, shown);
            }
            case "failed" -> {
                return StepRecord.failed(ctx, null, r.path("error").asText(""), shown);
            }
            case "dry_run" -> {
                List<ChatMessage> messages = new ArrayList<>();
                r.path("messages").forEach(m -> messages.add(new ChatMessage(m.path("role").asText(), m.path("content").asText())));
                return StepRecord.dryRun(ctx, messages, shown);
            }
            default -> throw VaaException.usage("Step " + (i + 1) + " of " + plan.runName() + " has an unknown status \""
                    + r.path("status").asText() + "\"");
        }
    }

    private static boolean logIs(Path log, String expected) {
        try {
            // bytes, not text: a log cut inside a character by a kill is simply not complete
            return Files.isRegularFile(log) && Arrays.equals(Files.readAllBytes(log), expected.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw VaaException.failure("Cannot read " + log + ": " + e.getMessage(), e);
        }
    }
}
