package vaa.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import vaa.VaaException;
import vaa.agree.Agreement;
import vaa.agree.AgreementCalculator;
import vaa.agree.JudgedField;
import vaa.agree.LabelSources;
import vaa.analysis.AnalysisFiles;
import vaa.compare.RunComparison.AgreementRow;
import vaa.compare.RunComparison.AgreementSide;
import vaa.compare.RunComparison.CallChanges;
import vaa.compare.RunComparison.Change;
import vaa.compare.RunComparison.CountRow;
import vaa.compare.RunComparison.Proportion;
import vaa.compare.RunComparison.RateRow;
import vaa.compare.RunComparison.Side;
import vaa.compare.RunComparison.ValueRow;
import vaa.io.Json;
import vaa.metrics.Headline;
import vaa.run.Run;
import vaa.run.RunConfig;
import vaa.llm.Prices;
import vaa.run.RunCost;
import vaa.stats.ProportionTest;

/**
 * Builds a {@link RunComparison} from each run's reports/metrics.json (the figures the report
 * shows, so the two always agree) and, for the per-call changes, from the analyses themselves.
 */
public final class RunComparer {
    public static final String TEST = "two-proportion z-test, pooled standard error, two-sided, |z| > 1.96";

    /** Headline rates: name in the comparison, and the metrics.json object holding {count, n, share}. */
    private static final List<String[]> RATES = List.of(
            new String[] {"task_completion", "/task_completion"},
            new String[] {"escalation_requested", "/escalation_requested"},
            new String[] {"friction_rate", "/friction/calls_with_any"},
            new String[] {"agent_error_rate", "/agent_errors/calls_with_any"});

    private static final List<String[]> COUNTS = List.of(
            new String[] {"sampled", "/calls/sampled"},
            new String[] {"analyses", "/calls/analyses"},
            new String[] {"with_judgement", "/calls/with_judgement"},
            new String[] {"structural_only", "/calls/structural_only"},
            new String[] {"failed", "/calls/failed"});

    private static final List<String[]> VALUES = List.of(
            new String[] {"agent_response_latency_p50_s", "/structural/agent_response_latency_s/p50"},
            new String[] {"agent_response_latency_p95_s", "/structural/agent_response_latency_s/p95"},
            new String[] {"agent_talk_ratio_p50", "/structural/agent_talk_ratio/p50"},
            new String[] {"duration_p50_s", "/structural/duration_s/p50"});

    private RunComparer() {}

    /** As {@link #compare(Run, Run, LabelSources)} with the labels the transcripts carry by default. */
    public static RunComparison compare(Run a, Run b) {
        return compare(a, b, LabelSources.defaults());
    }

    /**
     * Refuses (exit 2) when either run has no metrics yet, naming the command that makes them. Agreement with
     * {@code labels} is computed for both runs, and shown for the fields either run has labels for.
     */
    public static RunComparison compare(Run a, Run b, LabelSources labels) {
        JsonNode ma = metrics(a);
        JsonNode mb = metrics(b);
        List<CountRow> counts = new ArrayList<>();
        for (String[] c : COUNTS) {
            Long x = longAt(ma, c[1]);
            Long y = longAt(mb, c[1]);
            counts.add(new CountRow(c[0], x, y, x == null || y == null ? null : y - x));
        }
        List<RateRow> rates = new ArrayList<>();
        rates.add(rate("resolution_rate", outcome(ma, "resolved"), outcome(mb, "resolved")));
        for (String[] r : RATES) {
            rates.add(rate(r[0], ma.at(r[1]), mb.at(r[1])));
        }
        List<RateRow> outcomes = new ArrayList<>();
        for (String name : outcomeNames(ma, mb)) {
            outcomes.add(rate(name, outcome(ma, name), outcome(mb, name)));
        }
        List<ValueRow> values = new ArrayList<>();
        for (String[] v : VALUES) {
            Double x = doubleAt(ma, v[1]);
            Double y = doubleAt(mb, v[1]);
            values.add(valueRow(v[0], x, y, 3));
        }
        List<String> warnings = new ArrayList<>();
        stale(a, ma, warnings);
        stale(b, mb, warnings);
        List<AgreementRow> agreement = agreement(AgreementCalculator.ifLabelled(a, labels, 0), AgreementCalculator.ifLabelled(b, labels, 0));
        return new RunComparison(side(a, ma), side(b, mb), counts, rates, outcomes, values, agreement,
                RegressionGate.regressions(rates, agreement), changes(a, b), TEST, warnings, cost(a, ma, b, mb));
    }

    private static List<AgreementRow> agreement(Optional<Agreement> a, Optional<Agreement> b) {
        List<AgreementRow> rows = new ArrayList<>();
        for (JudgedField f : JudgedField.values()) {
            AgreementSide x = a.map(g -> side(g.fields().get(f.key()))).orElse(null);
            AgreementSide y = b.map(g -> side(g.fields().get(f.key()))).orElse(null);
            if (x == null && y == null) {
                continue;
            }
            Double delta = x == null || y == null ? null : round(y.accuracy() - x.accuracy(), 4);
            ProportionTest test = x == null || y == null ? null : ProportionTest.of(x.agreements(), x.n(), y.agreements(), y.n()).orElse(null);
            rows.add(new AgreementRow(f.key(), x, y, delta, test));
        }
        return rows;
    }

    private static AgreementSide side(Agreement.Field f) {
        Agreement.Figures x = f.figures();
        return f.measured() ? new AgreementSide(x.n(), x.agreements(), x.accuracy(), x.kappa(), x.kappaInterval()) : null;
    }

    /** Total cost of the run's model calls (every stage), and the analysis stage's per analysed call. */
    private static List<ValueRow> cost(Run a, JsonNode ma, Run b, JsonNode mb) {
        RunCost ca = a.isLegacy() ? new RunCost(Map.of()) : RunCost.of(a.observedStatus());
        RunCost cb = b.isLegacy() ? new RunCost(Map.of()) : RunCost.of(b.observedStatus());
        Double pa = perCall(ca, ma);
        Double pb = perCall(cb, mb);
        return List.of(valueRow("cost_usd", ca.total(), cb.total(), 6), valueRow("cost_per_call_usd", pa, pb, 8));
    }

    private static Double perCall(RunCost cost, JsonNode metrics) {
        Long analysed = longAt(metrics, "/calls/analyses");
        Double usd = cost.byStage().get("analysis");
        return usd == null || analysed == null || analysed == 0 ? null : Prices.round(usd / analysed);
    }

    private static ValueRow valueRow(String metric, Double x, Double y, int places) {
        return new ValueRow(metric, x, y, x == null || y == null ? null : round(y - x, places));
    }

    private static JsonNode metrics(Run run) {
        Path file = run.reportsDir().resolve("metrics.json");
        if (!Files.isRegularFile(file)) {
            throw VaaException.usage("Run " + run.id() + " has no metrics yet (reports/metrics.json). Compute them first: vaa metrics --run-id "
                    + run.id() + (run.analysedCount() == 0 ? " (after vaa analyze " + run.selector() + ")" : ""));
        }
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw VaaException.failure("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static RateRow rate(String metric, JsonNode x, JsonNode y) {
        Proportion pa = proportion(x);
        Proportion pb = proportion(y);
        Double delta = pa.share() == null || pb.share() == null ? null : round((double) pb.count() / pb.n() - (double) pa.count() / pa.n(), 4);
        return new RateRow(metric, pa, pb, delta, ProportionTest.of(pa.count(), pa.n(), pb.count(), pb.n()).orElse(null));
    }

    private static Proportion proportion(JsonNode node) {
        long k = node.path("count").asLong(0);
        long n = node.path("n").asLong(0);
        return new Proportion(k, n, n == 0 ? null : round((double) k / n, 4));
    }

    /** An outcome's entry in outcomes.distribution; an outcome only one run saw counts 0 of n in the other. */
    private static JsonNode outcome(JsonNode m, String name) {
        for (JsonNode o : m.at("/outcomes/distribution")) {
            if (name.equals(o.path("outcome").asText())) {
                return o;
            }
        }
        return Json.MAPPER.createObjectNode().put("count", 0).put("n", m.at("/outcomes/n").asLong(0));
    }

    private static Set<String> outcomeNames(JsonNode ma, JsonNode mb) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode m : List.of(ma, mb)) {
            m.at("/outcomes/distribution").forEach(o -> names.add(o.path("outcome").asText()));
        }
        return names;
    }

    private static CallChanges changes(Run a, Run b) {
        Map<String, String> oa = outcomes(a);
        Map<String, String> ob = outcomes(b);
        int shared = 0;
        int judged = 0;
        List<Change> changed = new ArrayList<>();
        Map<String, Integer> transitions = new TreeMap<>();
        for (Map.Entry<String, String> e : oa.entrySet()) {
            if (!ob.containsKey(e.getKey())) {
                continue;
            }
            shared++;
            String x = e.getValue();
            String y = ob.get(e.getKey());
            if (x == null || y == null) {
                continue;
            }
            judged++;
            if (!x.equals(y)) {
                changed.add(new Change(e.getKey(), x, y));
                transitions.merge(x + " → " + y, 1, Integer::sum);
            }
        }
        Map<String, Integer> byCount = new LinkedHashMap<>();
        transitions.entrySet().stream().sorted((p, q) -> q.getValue() - p.getValue()).forEach(t -> byCount.put(t.getKey(), t.getValue()));
        return new CallChanges(shared, oa.size() - shared, ob.size() - shared, judged, changed.size(), byCount, changed);
    }

    /** Call id → judged outcome (null when not judged), for every call with an analysis or error file. */
    private static Map<String, String> outcomes(Run run) {
        Map<String, String> out = new TreeMap<>();
        AnalysisFiles.forEach(run, new AnalysisFiles.Visitor() {
            @Override
            public void analysis(Path file, JsonNode doc) {
                JsonNode o = doc.path("judgement").path("outcome");
                out.put(RunExport.callId(file), o.isTextual() ? o.asText() : null);
            }

            @Override
            public void failed(Path file) {
                out.putIfAbsent(RunExport.callId(file), null); // a stale error next to a good analysis changes nothing
            }

            @Override
            public void unreadable(Path file, IOException e) {
                out.putIfAbsent(RunExport.callId(file), null);
            }
        });
        return out;
    }

    private static Side side(Run run, JsonNode m) {
        RunConfig c = run.config();
        Object model = c.models() == null ? null : c.models().get("analysis");
        String modelName = model instanceof Map<?, ?> mm ? String.valueOf(mm.get("key")) : model == null ? null : String.valueOf(model);
        Object prompt = c.prompts() == null ? null : c.prompts().get("analysis");
        String promptName = prompt instanceof Map<?, ?> pm ? pm.get("name") + " v" + pm.get("version") : null;
        return new Side(run.id(), c.createdAt(), c.parentRun(), modelName, promptName, m.path("generated_at").asText(null));
    }

    private static void stale(Run run, JsonNode m, List<String> warnings) {
        Long counted = longAt(m, "/calls/analyses");
        int now = run.analysedCount();
        if (counted != null && counted != now) {
            warnings.add("The metrics of run " + run.id() + " count " + counted + " analyses but the run now has " + now
                    + "; recompute them with vaa metrics " + run.selector() + ".");
        }
    }

    private static Long longAt(JsonNode m, String pointer) {
        JsonNode v = m.at(pointer);
        return v.isNumber() ? v.asLong() : null;
    }

    private static Double doubleAt(JsonNode m, String pointer) {
        JsonNode v = m.at(pointer);
        return v.isNumber() ? v.asDouble() : null;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
