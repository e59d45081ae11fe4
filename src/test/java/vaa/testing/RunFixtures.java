package vaa.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import vaa.io.Json;
import vaa.metrics.MetricsStage;
import vaa.run.LastRunPointers;
import vaa.run.Run;
import vaa.run.RunStore;
import vaa.run.Stage;

/** Runs with hand-made judged analyses (and metrics), so comparisons and exports can be checked against worked-out figures. */
public final class RunFixtures {
    /** One judged call: its outcome, flags, friction categories and the agent's response latency. */
    public record Judged(String id, String outcome, boolean completed, boolean escalation, List<String> friction, double latency) {}

    private RunFixtures() {}

    /** A new empty run made as {@code vaa sample --run-id ID} would: runs/ID, runs/latest and .last_run point at it. */
    public static Run empty(Path ws, String runId) {
        RunStore store = new RunStore(ws, Clock.systemDefaultZone(), "test");
        Run run = store.tryCreate(runId).orElseThrow();
        store.pointLatest(run);
        new LastRunPointers(ws, java.util.Optional.empty()).write(runId);
        return run;
    }

    /** A run whose sampled copies and analyses hold exactly these calls, sampling and analysis completed. */
    public static Run analysed(Path ws, String runId, String model, List<Judged> calls) {
        RunStore store = new RunStore(ws, Clock.systemDefaultZone(), "test");
        Run run = store.tryCreate(runId).orElseThrow();
        StringBuilder manifest = new StringBuilder("call_id,source_path,sha256,bytes,format\n");
        for (Judged c : calls) {
            run.writeString(run.sampledDir().resolve(c.id() + ".json"), "{\"id\":\"" + c.id() + "\",\"utterances\":[]}");
            run.writeJson(run.analysesDir().resolve(c.id() + ".json"), analysis(c, model));
            manifest.append(c.id()).append(",src/").append(c.id()).append(".json,00,10,canonical\n");
        }
        run.writeString(run.manifest(), manifest.toString());
        run.updateStage(Stage.SAMPLING, s -> s.completed(run.now(), calls.size(), null));
        run.updateStage(Stage.ANALYSIS, s -> s.completed(run.now(), calls.size(), null));
        return run;
    }

    /** As {@link #analysed}, with reports/metrics.json computed by the real metrics stage. */
    public static Run withMetrics(Path ws, String runId, String model, List<Judged> calls) {
        Run run = analysed(ws, runId, model, calls);
        MetricsStage.run(run, null);
        return run;
    }

    /**
     * Calls c00..c39: the first {@code resolved} resolved (the rest unresolved), the first
     * {@code completed} completed, the first {@code friction} with one friction point, every tenth
     * escalated, all with the same latency.
     */
    public static List<Judged> fortyCalls(int resolved, int completed, int friction, double latency) {
        List<Judged> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            out.add(new Judged(String.format("c%02d", i), i < resolved ? "resolved" : "unresolved", i < completed, i % 10 == 0,
                    i < friction ? List.of("repetition") : List.of(), latency));
        }
        return out;
    }

    static ObjectNode analysis(Judged c, String model) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("schema_version", "1.0").put("call_id", c.id()).put("analysed_at", "2026-01-21T14:30:00");
        doc.putObject("metadata");
        ObjectNode s = doc.putObject("structural");
        s.putArray("agent_response_latencies_s").add(c.latency());
        s.put("agent_response_latency_p50_s", c.latency()).put("agent_response_latency_p95_s", c.latency())
                .put("duration_s", 60.0).put("agent_talk_ratio", 0.5).put("interruptions", 0).put("utterances", 8);
        ObjectNode j = doc.putObject("judgement");
        j.put("outcome", c.outcome()).put("customer_intent", "check balance, then \"pay\" a bill").put("task_completed", c.completed())
                .put("escalation_requested", c.escalation()).put("sentiment_start", "neutral").put("sentiment_end", "positive");
        ArrayNode fps = j.putArray("friction_points");
        c.friction().forEach(f -> fps.addObject().put("category", f).put("description", "d").put("quote", "q").put("quote_verified", true));
        j.putArray("agent_errors");
        j.put("summary", "s");
        doc.put("judgement_status", "ok");
        doc.putObject("provenance").put("model", model).put("prompt_name", "call_analysis").put("prompt_version", 3);
        return doc;
    }
}
