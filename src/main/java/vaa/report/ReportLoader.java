package vaa.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vaa.VaaException;
import vaa.agree.Agreement;
import vaa.agree.AgreementCalculator;
import vaa.agree.LabelSources;
import vaa.io.AtomicFiles;
import vaa.io.Json;
import vaa.metrics.Metrics;
import vaa.run.Run;
import vaa.run.RunConfig;
import vaa.run.RunCost;
import vaa.run.RunStatus;
import vaa.run.Stage;
import vaa.run.StageStatus;

/**
 * Reads what a report needs from a run: config.json for the header, metrics.json for the
 * figures, insights.json if there is one, and the first rows of the per-call appendix. Only the
 * appendix's files are opened; the rest of the analyses directory is only listed, so a run of
 * 100,000 calls costs a directory listing, not 100,000 parses. The one exception is agreement with
 * labels, which has to read every judgement once (as metrics does) to find the labelled calls.
 */
final class ReportLoader {
    private static final String ERROR_SUFFIX = ".error.json";

    private ReportLoader() {}

    static ReportData load(Run run, JsonNode metrics, int appendixCap) {
        return load(run, metrics, appendixCap, LabelSources.defaults());
    }

    static ReportData load(Run run, JsonNode metrics, int appendixCap, LabelSources labels) {
        List<String> warnings = new ArrayList<>();
        Scan scan = scan(run, appendixCap);
        checkFresh(run, metrics, scan, warnings);
        JsonNode insights = null;
        String insightsProblem = null;
        Path insightsFile = run.reportsDir().resolve("insights.json");
        if (Files.isRegularFile(insightsFile)) {
            try {
                insights = Json.MAPPER.readTree(insightsFile.toFile());
                if (insights == null || !insights.isObject()) {
                    insights = null;
                    insightsProblem = "reports/insights.json does not hold a JSON object";
                }
            } catch (IOException e) {
                insightsProblem = "reports/insights.json cannot be read: " + e.getMessage();
            }
            if (insightsProblem != null) {
                warnings.add(insightsProblem + "; the report shows no insights. Run vaa insights again.");
            }
        }
        List<ReportCall> calls = new ArrayList<>();
        scan.first().forEach((id, kind) -> calls.add(readCall(run, id, kind)));
        long unreadable = calls.stream().filter(c -> c.kind() == ReportCall.Kind.UNREADABLE).count();
        if (unreadable > 0) {
            warnings.add(unreadable + " analysis file(s) in the appendix cannot be read; see the appendix.");
        }
        Agreement agreement = agreement(run, labels, warnings);
        return new ReportData(header(run, insights), run.isLegacy(), ReportText.time(run.now()), toolVersion(), metrics, insights,
                insightsProblem, List.copyOf(calls), scan.total(), appendixCap, List.copyOf(warnings), agreement);
    }

    /** The run's agreement with its labels; a labels file that cannot be used costs the section, not the report. */
    private static Agreement agreement(Run run, LabelSources labels, List<String> warnings) {
        try {
            return AgreementCalculator.ifLabelled(run, labels, ReportAgreement.DISAGREEMENTS).filter(Agreement::measured).orElse(null);
        } catch (VaaException e) {
            warnings.add("The labels could not be used, so the report has no judge-vs-labels section: " + e.getMessage());
            return null;
        }
    }

    static JsonNode readMetrics(Run run) {
        Path file = run.reportsDir().resolve("metrics.json");
        String hint = "Run vaa metrics " + run.selector() + " first.";
        if (!Files.isRegularFile(file)) {
            throw VaaException.usage("Run " + run.id() + " has no reports/metrics.json yet. " + hint);
        }
        JsonNode m;
        try {
            m = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw VaaException.usage("Cannot read reports/metrics.json of run " + run.id() + ": " + e.getMessage() + ". " + hint);
        }
        if (m == null || !m.isObject() || !m.path("calls").isObject()) {
            throw VaaException.usage("reports/metrics.json of run " + run.id() + " is not a metrics document. " + hint);
        }
        return m;
    }

    /** The ids of the appendix (the smallest, in order) and the directory's totals. */
    private record Scan(TreeMap<String, ReportCall.Kind> first, int total, int analysisFiles, int errorFiles) {}

    private static Scan scan(Run run, int cap) {
        TreeMap<String, ReportCall.Kind> first = new TreeMap<>();
        int analysisFiles = 0;
        int errorFiles = 0;
        int errorsOnly = 0;
        Path dir = run.analysesDir();
        if (!Files.isDirectory(dir)) {
            return new Scan(first, 0, 0, 0);
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
            for (Path p : ds) {
                if (AtomicFiles.isTempFile(p)) {
                    continue;
                }
                String name = p.getFileName().toString();
                ReportCall.Kind kind;
                String id;
                if (name.endsWith(ERROR_SUFFIX)) {
                    errorFiles++;
                    id = name.substring(0, name.length() - ERROR_SUFFIX.length());
                    // a call with a valid analysis besides an old error file counts once, as analysed
                    if (Files.exists(dir.resolve(id + ".json"))) {
                        continue;
                    }
                    errorsOnly++;
                    kind = ReportCall.Kind.FAILED;
                } else {
                    analysisFiles++;
                    id = name.substring(0, name.length() - ".json".length());
                    kind = ReportCall.Kind.JUDGED; // refined when the file is read
                }
                first.put(id, kind);
                if (first.size() > cap) {
                    first.pollLastEntry();
                }
            }
        } catch (IOException e) {
            throw VaaException.failure("Cannot list analyses of run " + run.id() + ": " + e.getMessage(), e);
        }
        return new Scan(first, analysisFiles + errorsOnly, analysisFiles, errorFiles);
    }

    /** Metrics computed before more calls were analysed would contradict the appendix; say so. */
    private static void checkFresh(Run run, JsonNode metrics, Scan scan, List<String> warnings) {
        JsonNode c = metrics.path("calls");
        int analyses = c.path("analyses").asInt(0) + c.path("unreadable_analyses").asInt(0);
        int failed = c.path("failed").asInt(0);
        if (analyses != scan.analysisFiles() || failed != scan.errorFiles()) {
            warnings.add("reports/metrics.json counts " + analyses + " analyses and " + failed + " failures, but the run now"
                    + " holds " + scan.analysisFiles() + " and " + scan.errorFiles() + ": the figures are stale. Run vaa metrics "
                    + run.selector() + " to refresh them.");
        }
    }

    private static ReportCall readCall(Run run, String id, ReportCall.Kind kind) {
        Path file = run.analysesDir().resolve(id + (kind == ReportCall.Kind.FAILED ? ERROR_SUFFIX : ".json"));
        JsonNode doc;
        try {
            doc = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            return new ReportCall(id, ReportCall.Kind.UNREADABLE, null, null, null, null, "cannot be read: " + e.getMessage());
        }
        if (doc == null || !doc.isObject()) {
            return new ReportCall(id, ReportCall.Kind.UNREADABLE, null, null, null, null, "not a JSON object");
        }
        if (kind == ReportCall.Kind.FAILED) {
            return new ReportCall(id, kind, null, null, null, null, text(doc.path("error")));
        }
        JsonNode s = doc.path("structural");
        Double duration = s.path("duration_s").isNumber() ? s.path("duration_s").asDouble() : null;
        JsonNode j = doc.path("judgement");
        if (!j.isObject()) {
            return new ReportCall(id, ReportCall.Kind.STRUCTURAL, null, null, null, duration, null);
        }
        return new ReportCall(id, ReportCall.Kind.JUDGED, text(j.path("outcome")), text(j.path("customer_intent")),
                text(j.path("summary")), duration, null);
    }

    private static String text(JsonNode n) {
        return n.isValueNode() && !n.isNull() ? n.asText() : null;
    }

    private static ReportHeader header(Run run, JsonNode insights) {
        RunConfig cfg = run.config();
        RunStatus status = run.status();
        List<ReportHeader.Field> f = new ArrayList<>();
        f.add(new ReportHeader.Field("Created", ReportText.time(cfg.createdAt())));
        if (cfg.parentRun() != null) {
            f.add(new ReportHeader.Field("Started from run", cfg.parentRun()));
        }
        Map<String, Object> src = cfg.source();
        if (src != null) {
            String dir = str(src.get("transcripts_dir_relative"));
            if (dir == null || dir.startsWith("..")) {
                dir = str(src.get("transcripts_dir"));
            }
            Object total = src.get("total_available");
            f.add(new ReportHeader.Field("Source", ReportText.orDash(dir)
                    + (total instanceof Number t ? " (" + ReportText.count(t.longValue()) + (t.longValue() == 1 ? " transcript" : " transcripts") + " available)" : "")));
        }
        f.add(new ReportHeader.Field("Sample", sample(run, cfg.args())));
        addRoles(f, "Model", cfg.models(), ReportLoader::describeModel);
        addRoles(f, "Prompt", cfg.prompts(), ReportLoader::describePrompt);
        if (insights != null && (cfg.models() == null || !cfg.models().containsKey("insights"))) {
            JsonNode m = insights.path("model");
            if (!m.isMissingNode() && !m.isNull()) {
                f.add(new ReportHeader.Field("Model (insights)", m.isValueNode() ? m.asText() : describeModel(Json.MAPPER.convertValue(m, Object.class))));
            }
        }
        if (insights != null && (cfg.prompts() == null || !cfg.prompts().containsKey("insights"))) {
            JsonNode p = insights.path("prompt");
            if (!p.isMissingNode() && !p.isNull()) {
                f.add(new ReportHeader.Field("Prompt (insights)", p.isValueNode() ? p.asText() : describePrompt(Json.MAPPER.convertValue(p, Object.class))));
            }
        }
        String cost = analysisCost(status.stage(Stage.ANALYSIS));
        if (cost != null) {
            f.add(new ReportHeader.Field("Analysis", cost));
        }
        RunCost money = RunCost.of(status);
        if (!money.isEmpty()) {
            f.add(new ReportHeader.Field("Cost", money.describe()));
        }
        f.add(new ReportHeader.Field("Stages", run.isLegacy() ? "legacy workspace (no run isolation, no stage status)" : stages(status)));
        if (cfg.version() != null) {
            f.add(new ReportHeader.Field("vaa version", cfg.version()));
        }
        return new ReportHeader(run.id(), List.copyOf(f));
    }

    /** The other stages as they stood when the report was written (the report stage itself is running). */
    private static String stages(RunStatus status) {
        List<String> parts = new ArrayList<>();
        for (Stage st : Stage.values()) {
            if (st != Stage.REPORT) {
                parts.add(st.key() + " " + status.stage(st).status());
            }
        }
        return String.join(", ", parts) + (status.isSealed() ? " (run sealed)" : "");
    }

    private static String sample(Run run, Map<String, Object> args) {
        StringBuilder s = new StringBuilder(ReportText.count(run.sampledCount()) + " calls sampled");
        if (args != null) {
            Object requested = args.get("sample_size");
            if (requested instanceof Number n && n.intValue() != run.sampledCount()) {
                s.append(" (").append(n).append(" requested)");
            }
            Object seed = args.get("seed");
            if (seed != null) {
                s.append(", seed ").append(seed);
                if (Boolean.TRUE.equals(args.get("seed_generated"))) {
                    s.append(" (generated)");
                }
            }
            if (args.get("where") instanceof List<?> where && !where.isEmpty()) {
                s.append(", where ").append(String.join(" and ", where.stream().map(String::valueOf).toList()));
            }
        }
        return s.toString();
    }

    private static void addRoles(List<ReportHeader.Field> f, String label, Map<String, Object> roles,
                                 java.util.function.Function<Object, String> describe) {
        if (roles == null) {
            return;
        }
        roles.forEach((role, v) -> f.add(new ReportHeader.Field(label + " (" + role + ")", describe.apply(v))));
    }

    /** {"key": "openai:demo", "model": "demo", "provider": "openai"} → "openai:demo (demo via openai)". */
    static String describeModel(Object v) {
        if (v instanceof Map<?, ?> m) {
            String key = str(m.get("key"));
            String model = str(m.get("model"));
            String provider = str(m.get("provider"));
            String detail = model == null ? provider : provider == null ? model : model + " via " + provider;
            if (key == null) {
                return ReportText.orDash(detail);
            }
            return detail == null ? key : key + " (" + detail + ")";
        }
        return v == null ? ReportText.DASH : String.valueOf(v);
    }

    /** {"name": "call_analysis", "version": 1, "source": "built-in"} → "call_analysis v1 (built-in)". */
    static String describePrompt(Object v) {
        if (v instanceof Map<?, ?> m) {
            String name = str(m.get("name"));
            Object version = m.get("version");
            String source = str(m.get("source"));
            return ReportText.orDash(name) + (version == null ? "" : " v" + version) + (source == null ? "" : " (" + source + ")");
        }
        return v == null ? ReportText.DASH : String.valueOf(v);
    }

    private static String analysisCost(StageStatus s) {
        Map<String, Object> d = s.detail();
        if (d == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        if (d.get("tokens") instanceof Map<?, ?> t && t.get("total_tokens") instanceof Number total && total.longValue() > 0) {
            parts.add(ReportText.count(total.longValue()) + " tokens (" + ReportText.count(longOf(t.get("prompt_tokens")))
                    + " prompt, " + ReportText.count(longOf(t.get("completion_tokens"))) + " completion)");
        }
        if (d.get("wall_time_s") instanceof Number w) {
            parts.add(ReportText.num(Math.round(w.doubleValue() * 10) / 10.0) + " s of analysis");
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    private static long longOf(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static String toolVersion() {
        String v = ReportLoader.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
