package vaa.agree;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import vaa.VaaException;
import vaa.analysis.AnalysisFiles;
import vaa.io.Json;
import vaa.run.Run;

/**
 * Compares a run's judgements with labels. One walk over the analyses keeps, per call, only the judged answers
 * and the labels its metadata carries; files are read again only for the calls where judge and label disagree.
 */
public final class AgreementCalculator {
    static final int NOT_IN_RUN_SHOWN = 10;
    static final String PAIRS = "n counts label–judgement pairs: a call labelled by two reviewers counts twice";

    private final Run run;
    private final LabelSources sources;
    private final int explained;
    private final Evidence evidence;
    private final Map<String, String[]> judged = new HashMap<>();
    private final Set<String> inRun = new TreeSet<>();
    private final List<Label> labels = new ArrayList<>();

    private AgreementCalculator(Run run, LabelSources sources, int explained) {
        this.run = run;
        this.sources = sources;
        this.explained = explained;
        this.evidence = new Evidence(run);
    }

    /**
     * Exit 2 when the run has no analyses, when the labels cannot be read (naming the line or the call), or when
     * no label is found at all (saying where vaa looked).
     */
    public static Agreement compute(Run run, LabelSources sources) {
        if (AnalysisFiles.list(run).isEmpty()) {
            throw VaaException.usage("Run " + run.id() + " has no analyses yet, so there is no judgement to compare. Analyse it first: vaa analyze "
                    + run.selector());
        }
        return ifLabelled(run, sources, Integer.MAX_VALUE).orElseThrow(() -> VaaException.usage("No labels for run " + run.id() + ": looked in "
                + String.join("; ", sources.describe()) + ". Give a labels file (--labels FILE: call_id,field,value[,reviewer])"
                + " or map a metadata field (--label-field task_completed=metadata.KEY)."));
    }

    /**
     * For views that show agreement when there is some (the report, {@code runs compare}): empty when no label is
     * found; a labels file that cannot be read is still exit 2. Only the first {@code explained} disagreements of a
     * field get the judge's reason and a quote (each costs reading the call's files again); the others are listed
     * without.
     */
    public static Optional<Agreement> ifLabelled(Run run, LabelSources sources, int explained) {
        return Optional.ofNullable(new AgreementCalculator(run, sources, explained).compute());
    }

    /** Null when there is no label at all. */
    private Agreement compute() {
        if (sources.file() != null) {
            labels.addAll(LabelFile.read(sources.file()));
        }
        walk();
        if (labels.isEmpty()) {
            return null;
        }
        Map<JudgedField, List<Label>> byField = new EnumMap<>(JudgedField.class);
        Map<String, Integer> unknown = new TreeMap<>();
        Set<String> missing = new TreeSet<>();
        Set<String> labelled = new TreeSet<>();
        int notInRun = 0;
        for (Label l : labels) {
            if (!inRun.contains(l.callId())) {
                notInRun++;
                missing.add(l.callId());
                continue;
            }
            labelled.add(l.callId());
            JudgedField.named(l.field()).ifPresentOrElse(f -> byField.computeIfAbsent(f, k -> new ArrayList<>()).add(l),
                    () -> unknown.merge(l.field(), 1, Integer::sum));
        }
        Map<String, Agreement.Field> fields = new LinkedHashMap<>();
        int compared = 0;
        for (JudgedField f : JudgedField.values()) {
            Agreement.Field field = field(f, byField.getOrDefault(f, List.of()));
            compared += field.figures().n();
            fields.put(f.key(), field);
        }
        Agreement.Labels summary = new Agreement.Labels(sources.describe(), labels.size(), compared, inRun.size(), labelled.size(),
                new Agreement.NotInRun(notInRun, missing.size(), missing.stream().limit(NOT_IN_RUN_SHOWN).toList()), unknown);
        return new Agreement(run.id(), summary, new Agreement.Method(vaa.stats.Kappa.METHOD, "Wilson score interval, 95%", PAIRS), fields);
    }

    private Agreement.Field field(JudgedField f, List<Label> fieldLabels) {
        List<String[]> pairs = new ArrayList<>();
        List<Label> compared = new ArrayList<>();
        int notJudged = 0;
        for (Label l : fieldLabels) {
            String[] values = judged.get(l.callId());
            String judge = values == null ? null : values[f.ordinal()];
            if (judge == null) {
                notJudged++;
            } else {
                pairs.add(new String[] {l.value(), judge});
                compared.add(l);
            }
        }
        if (pairs.isEmpty()) {
            return new Agreement.Field(false, kind(f), f.categories(), Tally.none(), notJudged, List.of(), Map.of(), List.of());
        }
        List<String> categories = categories(f, pairs);
        List<Agreement.Disagreement> disagreements = new ArrayList<>();
        Map<String, List<String[]>> byReviewer = new TreeMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            Label l = compared.get(i);
            String judge = pairs.get(i)[1];
            if (!l.value().equals(judge)) {
                disagreements.add(disagreements.size() < explained ? evidence.of(l.callId(), f, l.value(), judge, l.reviewer())
                        : new Agreement.Disagreement(l.callId(), l.value(), judge, l.reviewer(), null, null));
            }
            byReviewer.computeIfAbsent(l.reviewer(), k -> new ArrayList<>()).add(pairs.get(i));
        }
        Map<String, Agreement.Figures> reviewers = new LinkedHashMap<>();
        List<Agreement.ReviewerPair> between = new ArrayList<>();
        if (byReviewer.size() > 1) {
            byReviewer.forEach((who, p) -> reviewers.put(who, Tally.of(categories, p)));
            between = interReviewer(categories, fieldLabels);
        }
        return new Agreement.Field(true, kind(f), categories, Tally.of(categories, pairs), notJudged, disagreements, reviewers, between);
    }

    /** Each pair of reviewers on the calls of the run both labelled: the ceiling a judge can be expected to reach. */
    private static List<Agreement.ReviewerPair> interReviewer(List<String> categories, List<Label> fieldLabels) {
        Map<String, Map<String, String>> byReviewer = new TreeMap<>();
        fieldLabels.forEach(l -> byReviewer.computeIfAbsent(l.reviewer(), k -> new HashMap<>()).put(l.callId(), l.value()));
        List<String> names = new ArrayList<>(byReviewer.keySet());
        List<Agreement.ReviewerPair> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                Map<String, String> a = byReviewer.get(names.get(i));
                Map<String, String> b = byReviewer.get(names.get(j));
                List<String[]> pairs = new ArrayList<>();
                new TreeSet<>(a.keySet()).forEach(call -> {
                    if (b.containsKey(call)) {
                        pairs.add(new String[] {a.get(call), b.get(call)});
                    }
                });
                out.add(new Agreement.ReviewerPair(names.get(i), names.get(j), pairs.isEmpty() ? Tally.none() : Tally.of(categories, pairs)));
            }
        }
        return out;
    }

    /** The field's categories, then any answer outside them (a judge may say something the schema did not expect). */
    private static List<String> categories(JudgedField f, List<String[]> pairs) {
        Set<String> all = new LinkedHashSet<>(f.categories());
        pairs.forEach(p -> all.add(p[1]));
        return List.copyOf(all);
    }

    private static String kind(JudgedField f) {
        return f.yesNo() ? "yes_no" : "categorical";
    }

    /** One pass over analyses/ (and over sampled/ for calls without an analysis), keeping only what is compared. */
    private void walk() {
        Set<String> withAnalysis = new TreeSet<>();
        AnalysisFiles.forEach(run, new AnalysisFiles.Visitor() {
            @Override
            public void analysis(Path file, JsonNode doc) {
                String id = callId(file);
                inRun.add(id);
                withAnalysis.add(id);
                JsonNode j = doc.path("judgement");
                if (j.isObject()) {
                    String[] values = new String[JudgedField.values().length];
                    for (JudgedField f : JudgedField.values()) {
                        values[f.ordinal()] = f.judged(j);
                    }
                    judged.put(id, values);
                }
                metadataLabels(id, doc.path("metadata"));
            }

            @Override
            public void failed(Path file) {
                inRun.add(callId(file));
            }

            @Override
            public void unreadable(Path file, IOException e) {
                inRun.add(callId(file));
            }
        });
        for (Path p : run.jsonFiles(run.sampledDir())) {
            inRun.add(callId(p));
        }
        if (sources.groundTruth() || !sources.paths().isEmpty()) {
            for (String id : inRun) {
                if (!withAnalysis.contains(id)) {
                    evidence.call(id).ifPresent(c -> metadataLabels(id, Json.MAPPER.valueToTree(c.metadata())));
                }
            }
        }
    }

    private void metadataLabels(String callId, JsonNode metadata) {
        if (sources.groundTruth()) {
            metadata.path("ground_truth").fields().forEachRemaining(e ->
                    metadataLabel(callId, e.getKey(), LabelSources.GROUND_TRUTH + "." + e.getKey(), e.getValue()));
        }
        sources.paths().forEach((field, path) -> {
            StringBuilder pointer = new StringBuilder();
            for (String part : path.substring("metadata.".length()).split("\\.")) {
                pointer.append('/').append(part.replace("~", "~0").replace("/", "~1"));
            }
            metadataLabel(callId, field, path, metadata.at(pointer.toString()));
        });
    }

    private void metadataLabel(String callId, String field, String path, JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return;
        }
        String origin = "call " + callId + " " + path;
        if (!value.isValueNode()) {
            throw VaaException.usage("The label in " + origin + " is not a single value: " + value);
        }
        Object raw = value.isBoolean() ? (Object) value.asBoolean() : value.asText();
        String normalized;
        try {
            normalized = JudgedField.named(field).map(f -> f.normalize(raw)).orElse(value.asText());
        } catch (IllegalArgumentException e) {
            throw VaaException.usage("The label in " + origin + ": " + e.getMessage() + ".");
        }
        labels.add(new Label(callId, field, normalized, "metadata", origin));
    }

    private static String callId(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - (AnalysisFiles.isError(file) ? AnalysisFiles.ERROR_SUFFIX : ".json").length());
    }
}
