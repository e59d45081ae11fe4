package vaa.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaa.VaaException;
import vaa.analysis.AnalysisFiles;
import vaa.io.Json;
import vaa.run.Run;

/**
 * Stage 4's work: reads the run's analyses one file at a time and keeps only the condensed
 * natural-language fields of judged calls, so memory follows the notes, not the analyses.
 * Long texts are cut at a word boundary (counted, and the full text stays in the analysis file).
 */
public final class NlFieldsExtractor {
    /** Character limits per field: a summary is two or three sentences; anything longer is padding for the insights step. */
    static final Map<String, Integer> MAX_CHARS = Map.of(
            "intent", 120,
            "summary", 400,
            "failure_reason", 300,
            "improvement_suggestion", 300,
            "quote", 200,
            "agent_error", 200);

    private int trimmed;

    private NlFieldsExtractor() {}

    public static NlFields extract(Run run) {
        return new NlFieldsExtractor().run(run);
    }

    private NlFields run(Run run) {
        List<Path> files = analysisFiles(run);
        int failed = 0;
        int unreadable = 0;
        int analyses = 0;
        int structuralOnly = 0;
        List<NlFields.CallNotes> calls = new ArrayList<>();
        for (Path p : files) {
            if (AnalysisFiles.isError(p)) {
                failed++;
                continue;
            }
            JsonNode doc;
            try {
                doc = Json.MAPPER.readTree(p.toFile());
            } catch (IOException e) {
                unreadable++; // reported in counts; metrics reports these files by name
                continue;
            }
            analyses++;
            JsonNode judgement = doc.path("judgement");
            if (!judgement.isObject()) {
                structuralOnly++;
                continue;
            }
            calls.add(condense(callId(doc, p), judgement));
        }
        if (analyses == 0) {
            throw VaaException.usage("Run " + run.id() + " has no analyses" + (failed > 0 ? " (" + failed + " failed)" : "")
                    + ". Run vaa analyze " + run.selector() + " first.");
        }
        calls.sort(java.util.Comparator.comparing(NlFields.CallNotes::callId));
        NlFields.Counts counts = new NlFields.Counts(analyses, calls.size(), structuralOnly, failed, unreadable);
        NlFields.Condensing condensing = new NlFields.Condensing(new java.util.TreeMap<>(MAX_CHARS), trimmed,
                "Longer texts are cut at a word boundary and end with \u2026; the full text is in analyses/<call_id>.json. "
                        + "Empty fields are left out.");
        return new NlFields(NlFields.SCHEMA_VERSION, run.id(), run.now(), counts, condensing, calls);
    }

    private NlFields.CallNotes condense(String id, JsonNode j) {
        List<NlFields.FrictionQuote> friction = new ArrayList<>();
        for (JsonNode f : j.path("friction_points")) {
            String quote = text(f.path("quote"), "quote");
            String category = text(f.path("category"), null);
            if (quote != null || category != null) {
                friction.add(new NlFields.FrictionQuote(category, quote, f.path("quote_verified").asBoolean(false)));
            }
        }
        List<NlFields.AgentError> errors = new ArrayList<>();
        for (JsonNode e : j.path("agent_errors")) {
            String description = text(e.path("description"), "agent_error");
            String category = text(e.path("category"), null);
            if (description != null || category != null) {
                errors.add(new NlFields.AgentError(category, description));
            }
        }
        return new NlFields.CallNotes(id,
                text(j.path("customer_intent"), "intent"),
                text(j.path("outcome"), null),
                text(j.path("summary"), "summary"),
                text(j.path("failure_reason"), "failure_reason"),
                text(j.path("improvement_suggestion"), "improvement_suggestion"),
                friction, errors);
    }

    /** {@link #collapse}d, then cut to the field's limit (when it has one), counting what was cut. */
    private String text(JsonNode node, String limitKey) {
        String s = collapse(node);
        if (s == null || limitKey == null) {
            return s;
        }
        String cut = cut(s, MAX_CHARS.get(limitKey));
        if (!cut.equals(s)) {
            trimmed++;
        }
        return cut;
    }

    /**
     * A value's text with its whitespace collapsed; null for an empty text, a missing value or an
     * object. Shared with ask's call cards, so the model reads a call's notes alike in both.
     */
    public static String collapse(JsonNode node) {
        if (!node.isValueNode() || node.isNull()) {
            return null;
        }
        String s = node.asText().replaceAll("\\s+", " ").strip();
        return s.isEmpty() ? null : s;
    }

    /** At most {@code max} characters, ending at a word boundary when one is near, with an ellipsis. */
    public static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 1;
        int space = s.lastIndexOf(' ', end);
        if (space >= max * 2 / 3) {
            end = space;
        }
        return s.substring(0, end).stripTrailing() + "\u2026";
    }

    /** The id the analysis names, else its file name: the id other reports link by. */
    private static String callId(JsonNode doc, Path file) {
        String id = doc.path("call_id").asText("");
        if (!id.isBlank()) {
            return id;
        }
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".json".length());
    }

    /** Sorted, so what is read (and any failure) does not depend on directory order. */
    private static List<Path> analysisFiles(Run run) {
        return AnalysisFiles.list(run);
    }

    static Map<String, Object> countsDetail(NlFields f) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("analyses", f.counts().analyses());
        d.put("with_judgement", f.counts().withJudgement());
        d.put("structural_only_skipped", f.counts().structuralOnly());
        d.put("failed", f.counts().failed());
        d.put("unreadable", f.counts().unreadable());
        d.put("trimmed_fields", f.condensing().trimmedFields());
        return d;
    }
}
