package vaa.run;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What lists and menus show about a run. Counts are read from the run's directories, not trusted from status; the
 * analysis model (its key) and prompt ("name vN") from config.json, null when the run has none.
 */
public record RunSummary(
        @JsonProperty("run_id") String id,
        @JsonProperty("path") String path,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("modified_at") String modifiedAt,
        @JsonProperty("overall_status") String overallStatus,
        @JsonProperty("sampled") int sampled,
        @JsonProperty("analysed") int analysed,
        @JsonProperty("latest") boolean latest,
        @JsonProperty("analysis_model") String analysisModel,
        @JsonProperty("analysis_prompt") String analysisPrompt) {

    /** Without the model and prompt (a run not yet analysed, or a menu that does not show them). */
    public RunSummary(String id, String path, String createdAt, String modifiedAt, String overallStatus, int sampled, int analysed,
                      boolean latest) {
        this(id, path, createdAt, modifiedAt, overallStatus, sampled, analysed, latest, null, null);
    }

    /** The judge in a few words: "openai:gpt-4o-mini · call_analysis v3", "structural only", or "" when not analysed yet. */
    public String judge() {
        if (analysisModel == null) {
            return analysed > 0 ? "structural only" : "";
        }
        return analysisPrompt == null ? analysisModel : analysisModel + " · " + analysisPrompt;
    }

    public String contents() {
        return sampled + " sampled, " + analysed + " analyses";
    }
}
