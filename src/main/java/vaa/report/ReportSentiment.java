package vaa.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vaa.metrics.Metrics;

/**
 * The start→end sentiment transitions of metrics.json as a square matrix, in the order
 * negative, neutral, positive (then anything else the model said), so both reports read alike.
 */
record ReportSentiment(List<String> levels, Map<String, Integer> counts, int total) {

    static ReportSentiment of(JsonNode sentiment) {
        List<String> levels = new ArrayList<>(Metrics.SENTIMENTS);
        Map<String, Integer> counts = new HashMap<>();
        int total = 0;
        for (JsonNode t : sentiment.path("transitions")) {
            String from = t.path("from").asText("unknown");
            String to = t.path("to").asText("unknown");
            int n = t.path("count").asInt();
            for (String l : List.of(from, to)) {
                if (!levels.contains(l)) {
                    levels.add(l);
                }
            }
            counts.merge(from + "->" + to, n, Integer::sum);
            total += n;
        }
        return new ReportSentiment(List.copyOf(levels), Map.copyOf(counts), total);
    }

    int count(String from, String to) {
        return counts.getOrDefault(from + "->" + to, 0);
    }

    int max() {
        return counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    int improved() {
        return sum(1);
    }

    int worsened() {
        return sum(-1);
    }

    int unchanged() {
        int n = 0;
        for (String l : levels) {
            n += count(l, l);
        }
        return n;
    }

    /** Calls whose sentiment moved in one direction; only the three ranked levels have a direction. */
    private int sum(int sign) {
        int n = 0;
        for (int i = 0; i < Metrics.SENTIMENTS.size(); i++) {
            for (int j = 0; j < Metrics.SENTIMENTS.size(); j++) {
                if (Integer.signum(j - i) == sign) {
                    n += count(Metrics.SENTIMENTS.get(i), Metrics.SENTIMENTS.get(j));
                }
            }
        }
        return n;
    }
}
