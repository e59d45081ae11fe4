package vaa.insights;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import vaa.analysis.Provenance;
import vaa.io.Json;
import vaa.run.Run;

/**
 * reports/insights.json. {@code producedBy} is {@value #BY_MODEL} or {@value #COMPUTED}; in the
 * second case {@code notice} says so in words and {@code modelSkippedReason}/{@code howToConfigure}
 * say why and what to do. {@code model} and {@code prompt} are null without a model.
 */
public record InsightsReport(
        @JsonProperty("schema_version") String schemaVersion,
        @JsonProperty("run_id") String runId,
        @JsonProperty("generated_at") String generatedAt,
        @JsonProperty("produced_by") String producedBy,
        @JsonProperty("notice") String notice,
        @JsonProperty("model") Map<String, Object> model,
        @JsonProperty("prompt") Map<String, Object> prompt,
        @JsonProperty("model_skipped_reason") String modelSkippedReason,
        @JsonProperty("how_to_configure") String howToConfigure,
        @JsonProperty("method") InsightMethod method,
        @JsonProperty("inputs") Map<String, Object> inputs,
        @JsonProperty("summary") String summary,
        @JsonProperty("themes") List<InsightTheme> themes,
        @JsonProperty("invalid_ids_removed") List<InsightSynthesizer.RemovedId> invalidIdsRemoved,
        @JsonProperty("usage") Provenance.Tokens usage,
        @JsonProperty("cost_usd") Double costUsd) {

    public static final String SCHEMA_VERSION = "1.0";
    public static final String BY_MODEL = "model";
    public static final String COMPUTED = "computed_without_model";
    public static final String JSON_FILE = "insights.json";
    public static final String MARKDOWN_FILE = "insights.md";
    public static final String ERROR_FILE = "insights.error.json";

    public InsightsReport {
        themes = List.copyOf(themes);
        invalidIdsRemoved = List.copyOf(invalidIdsRemoved);
    }

    public boolean computedWithoutModel() {
        return COMPUTED.equals(producedBy);
    }

    public static Path jsonFile(Run run) {
        return run.reportsDir().resolve(JSON_FILE);
    }

    public static Path markdownFile(Run run) {
        return run.reportsDir().resolve(MARKDOWN_FILE);
    }

    public static Path errorFile(Run run) {
        return run.reportsDir().resolve(ERROR_FILE);
    }

    public static InsightsReport read(Path file) throws IOException {
        return Json.read(file, InsightsReport.class);
    }
}
