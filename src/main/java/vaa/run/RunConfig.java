package vaa.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * config.json: what the run was asked to do (every CLI argument), where its calls came from, and
 * which models and prompts produced it. Never holds secrets.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunConfig(
        @JsonProperty("run_id") String runId,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("version") String version,
        @JsonProperty("parent_run") String parentRun,
        @JsonProperty("args") Map<String, Object> args,
        @JsonProperty("source") Map<String, Object> source,
        @JsonProperty("models") Map<String, Object> models,
        @JsonProperty("prompts") Map<String, Object> prompts) {

    public static RunConfig initial(String runId, String createdAt, String version) {
        return new RunConfig(runId, createdAt, version, null, new LinkedHashMap<>(), null, null, null);
    }

    /** Adds or replaces arguments; other keys stay. */
    public RunConfig withArgs(Map<String, Object> more) {
        return new RunConfig(runId, createdAt, version, parentRun, merge(args, more), source, models, prompts);
    }

    public RunConfig withSource(Map<String, Object> newSource) {
        return new RunConfig(runId, createdAt, version, parentRun, args, new LinkedHashMap<>(newSource), models, prompts);
    }

    public RunConfig withModels(Map<String, Object> more) {
        return new RunConfig(runId, createdAt, version, parentRun, args, source, merge(models, more), prompts);
    }

    public RunConfig withPrompts(Map<String, Object> more) {
        return new RunConfig(runId, createdAt, version, parentRun, args, source, models, merge(prompts, more));
    }

    /** A migrated run dates from its oldest file, not from the day it was moved. */
    public RunConfig withCreatedAt(String when) {
        return new RunConfig(runId, when, version, parentRun, args, source, models, prompts);
    }

    public RunConfig withParent(String parent) {
        return new RunConfig(runId, createdAt, version, parent, args, source, models, prompts);
    }

    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> more) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (base != null) {
            out.putAll(base);
        }
        out.putAll(more);
        return out;
    }
}
