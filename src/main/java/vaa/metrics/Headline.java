package vaa.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import vaa.io.Json;
import vaa.run.Run;

/** The few figures a finished run is summed up with on the console, read from its metrics.json. */
public record Headline(int analysed, int judged, int structuralOnly, int failed, Rate resolved, Rate taskCompleted,
                       Rate escalation, Double latencyP50, Double latencyP95) {

    /** A share with its 95% interval; null share when nothing was judged. */
    public record Rate(Double share, Double low, Double high, int n) {
        static Rate of(JsonNode r) {
            return new Rate(r.path("share").isNumber() ? r.path("share").asDouble() : null,
                    r.path("ci95").path(0).isNumber() ? r.path("ci95").path(0).asDouble() : null,
                    r.path("ci95").path(1).isNumber() ? r.path("ci95").path(1).asDouble() : null, r.path("n").asInt());
        }
    }

    public static Optional<Headline> of(Run run) {
        Path file = run.reportsDir().resolve("metrics.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode m;
        try {
            m = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            return Optional.empty(); // the summary is a courtesy; the report stage already validated the file
        }
        JsonNode resolved = Json.MAPPER.createObjectNode();
        for (JsonNode o : m.path("outcomes").path("distribution")) {
            if ("resolved".equals(o.path("outcome").asText())) {
                resolved = o;
            }
        }
        JsonNode calls = m.path("calls");
        JsonNode lat = m.path("structural").path("agent_response_latency_s");
        return Optional.of(new Headline(calls.path("analyses").asInt(), calls.path("with_judgement").asInt(),
                calls.path("structural_only").asInt(), calls.path("failed").asInt(), Rate.of(resolved),
                Rate.of(m.path("task_completion")), Rate.of(m.path("escalation_requested")),
                lat.path("p50").isNumber() ? lat.path("p50").asDouble() : null,
                lat.path("p95").isNumber() ? lat.path("p95").asDouble() : null));
    }
}
