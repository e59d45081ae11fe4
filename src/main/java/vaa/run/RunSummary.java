package vaa.run;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What lists and menus show about a run. Counts are read from the run's directories, not trusted from status. */
public record RunSummary(
        @JsonProperty("run_id") String id,
        @JsonProperty("path") String path,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("modified_at") String modifiedAt,
        @JsonProperty("overall_status") String overallStatus,
        @JsonProperty("sampled") int sampled,
        @JsonProperty("analysed") int analysed,
        @JsonProperty("latest") boolean latest) {

    public String contents() {
        return sampled + " sampled, " + analysed + " analyses";
    }
}
