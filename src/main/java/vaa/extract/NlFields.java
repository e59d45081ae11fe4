package vaa.extract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import vaa.VaaException;
import vaa.io.Json;
import vaa.run.Run;

/**
 * reports/nl_fields.json: the natural-language parts of every judged call, condensed for the
 * insights step, ordered by call id. Calls without a judgement are counted, not listed.
 */
public record NlFields(
        @JsonProperty("schema_version") String schemaVersion,
        @JsonProperty("run_id") String runId,
        @JsonProperty("generated_at") String generatedAt,
        @JsonProperty("counts") Counts counts,
        @JsonProperty("condensing") Condensing condensing,
        @JsonProperty("calls") List<CallNotes> calls) {

    public static final String SCHEMA_VERSION = "1.0";
    public static final String FILE = "nl_fields.json";

    public NlFields {
        calls = List.copyOf(calls);
    }

    /** How many analyses there were and what became of them; only {@code withJudgement} calls are listed. */
    public record Counts(
            @JsonProperty("analyses") int analyses,
            @JsonProperty("with_judgement") int withJudgement,
            @JsonProperty("structural_only_skipped") int structuralOnly,
            @JsonProperty("failed") int failed,
            @JsonProperty("unreadable") int unreadable) {}

    /** The limits texts were cut to, and how many were cut: condensing is never silent. */
    public record Condensing(
            @JsonProperty("max_chars") Map<String, Integer> maxChars,
            @JsonProperty("trimmed_fields") int trimmedFields,
            @JsonProperty("note") String note) {}

    /** One judged call. Empty values are left out so the notes stay short. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record CallNotes(
            @JsonProperty("call_id") String callId,
            @JsonProperty("intent") String intent,
            @JsonProperty("outcome") String outcome,
            @JsonProperty("summary") String summary,
            @JsonProperty("failure_reason") String failureReason,
            @JsonProperty("improvement_suggestion") String improvementSuggestion,
            @JsonProperty("friction") List<FrictionQuote> friction,
            @JsonProperty("agent_errors") List<AgentError> agentErrors) {
        public CallNotes {
            friction = friction == null ? List.of() : List.copyOf(friction);
            agentErrors = agentErrors == null ? List.of() : List.copyOf(agentErrors);
        }
    }

    /** A friction point as evidence: its category and the customer's words, with whether they were found in the transcript. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record FrictionQuote(
            @JsonProperty("category") String category,
            @JsonProperty("quote") String quote,
            @JsonProperty("verified") boolean verified) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record AgentError(
            @JsonProperty("category") String category,
            @JsonProperty("description") String description) {}

    public static Path file(Run run) {
        return run.reportsDir().resolve(FILE);
    }

    /** Reads the run's nl_fields.json; missing means {@code vaa extract} has not run (exit 2, naming it). */
    public static NlFields read(Run run) {
        Path file = file(run);
        if (!Files.isRegularFile(file)) {
            throw VaaException.usage("Run " + run.id() + " has no reports/" + FILE + ". Extract the calls' notes first: vaa extract " + run.selector());
        }
        try {
            return Json.read(file, NlFields.class);
        } catch (IOException e) {
            throw VaaException.failure("Cannot read " + file + ": " + e.getMessage()
                    + ". Write it again with: vaa extract " + run.selector(), e);
        }
    }
}
