package vaa.agree;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaa.VaaException;
import vaa.io.Json;

/**
 * Where a run's labels come from: a labels file, and metadata paths in the transcripts mapped to judged fields
 * ({@code task_completed=metadata.order_finished}). Each is taken from the command line when given there, else
 * from the {@code labels} section of the workspace's {@value #PROJECT_FILE}:
 * <pre>{"labels": {"file": "labels/reviewed.csv", "fields": {"task_completed": "metadata.order_finished"}}}</pre>
 * With neither, every key under {@code metadata.ground_truth} is a label for the judged field of that name (the
 * bundled demo data carries its ground truth there).
 *
 * @param file        the labels file (relative names are taken from the workspace), or null
 * @param fileShown   the labels file as the user wrote it, for messages
 * @param paths       judged field → metadata path, in the order given
 * @param groundTruth true when nothing was configured and {@code metadata.ground_truth} is read
 */
public record LabelSources(Path file, String fileShown, Map<String, String> paths, boolean groundTruth) {
    public static final String PROJECT_FILE = "vaa.json";
    public static final String GROUND_TRUTH = "metadata.ground_truth";

    public LabelSources {
        paths = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(paths));
    }

    /** Nothing configured: the transcripts' {@code metadata.ground_truth}. */
    public static LabelSources defaults() {
        return new LabelSources(null, null, Map.of(), true);
    }

    /** What the workspace configures, as a report or a pipeline sees it. */
    public static LabelSources of(Path workspace) {
        return of(workspace, null, List.of());
    }

    /**
     * @param file        {@code --labels}, or null
     * @param labelFields {@code --label-field F=PATH} values
     */
    public static LabelSources of(Path workspace, Path file, List<String> labelFields) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (String mapping : labelFields) {
            int eq = mapping.indexOf('=');
            if (eq <= 0) {
                throw VaaException.usage("--label-field takes FIELD=PATH, e.g. task_completed=metadata.order_finished; got '" + mapping + "'");
            }
            put(paths, mapping.substring(0, eq).strip(), mapping.substring(eq + 1).strip(), "--label-field");
        }
        JsonNode section = projectSection(workspace);
        String shown = file != null ? file.toString() : section.path("file").isTextual() ? section.path("file").asText() : null;
        if (paths.isEmpty()) {
            Iterator<Map.Entry<String, JsonNode>> it = section.path("fields").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    throw VaaException.usage(PROJECT_FILE + ": labels.fields." + e.getKey() + " must be a metadata path such as \"metadata.order_finished\"");
                }
                put(paths, e.getKey(), e.getValue().asText(), PROJECT_FILE);
            }
        }
        return new LabelSources(shown == null ? null : workspace.resolve(shown), shown, paths, shown == null && paths.isEmpty());
    }

    private static void put(Map<String, String> paths, String field, String path, String where) {
        if (JudgedField.named(field).isEmpty()) {
            throw VaaException.usage(where + ": '" + field + "' is not a field the judge answers (" + JudgedField.keys() + ")");
        }
        if (!path.startsWith("metadata.") || path.length() == "metadata.".length() || path.contains("..")) {
            throw VaaException.usage(where + ": '" + path + "' is not a metadata path; write metadata.KEY or metadata.KEY.SUBKEY");
        }
        paths.put(field, path);
    }

    private static JsonNode projectSection(Path workspace) {
        Path project = workspace.resolve(PROJECT_FILE);
        if (!Files.isRegularFile(project)) {
            return Json.MAPPER.createObjectNode();
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(project.toFile());
        } catch (IOException e) {
            throw VaaException.usage(PROJECT_FILE + " cannot be read as JSON: " + e.getMessage());
        }
        JsonNode labels = root == null ? null : root.get("labels");
        if (labels == null || labels.isNull()) {
            return Json.MAPPER.createObjectNode();
        }
        List<String> unknown = new ArrayList<>();
        labels.fieldNames().forEachRemaining(k -> {
            if (!k.equals("file") && !k.equals("fields")) {
                unknown.add(k);
            }
        });
        if (!labels.isObject() || !unknown.isEmpty() || (labels.has("file") && !labels.get("file").isTextual())
                || (labels.has("fields") && !labels.get("fields").isObject())) {
            throw VaaException.usage(PROJECT_FILE + ": \"labels\" takes {\"file\": \"labels.csv\", \"fields\": {\"task_completed\":"
                    + " \"metadata.order_finished\"}}" + (unknown.isEmpty() ? "" : "; unknown: " + String.join(", ", unknown)));
        }
        return labels;
    }

    /** One line per source, for the reader: "labels.csv", "task_completed ← metadata.order_finished". */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        if (file != null) {
            out.add("labels file " + fileShown);
        }
        paths.forEach((field, path) -> out.add(field + " ← " + path));
        if (groundTruth) {
            out.add(GROUND_TRUTH + ".<field> in the transcripts (the default)");
        }
        return out;
    }
}
