package vaa.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaa.stats.Stats;
import vaa.transcript.Call;
import vaa.transcript.Role;
import vaa.transcript.Utterance;

/**
 * The structural half of an analysis: computed from the transcript alone, always, for free.
 * Timing figures are null when the source has no timestamps; they are never estimated.
 */
public record Structural(
        @JsonProperty("utterances") int utterances,
        @JsonProperty("turns") Map<String, Integer> turns,
        @JsonProperty("words") Map<String, Integer> words,
        @JsonProperty("has_timestamps") boolean hasTimestamps,
        @JsonProperty("duration_s") Double durationS,
        @JsonProperty("talk_time_s") Map<String, Double> talkTimeS,
        @JsonProperty("agent_talk_ratio") Double agentTalkRatio,
        @JsonProperty("talk_ratio_basis") String talkRatioBasis,
        @JsonProperty("agent_response_latencies_s") List<Double> agentResponseLatenciesS,
        @JsonProperty("agent_response_latency_p50_s") Double agentResponseLatencyP50S,
        @JsonProperty("agent_response_latency_p95_s") Double agentResponseLatencyP95S,
        @JsonProperty("interruptions") Integer interruptions,
        @JsonProperty("agent_interruptions") Integer agentInterruptions,
        @JsonProperty("longest_silence_s") Double longestSilenceS,
        @JsonProperty("longest_monologue_s") Double longestMonologueS,
        @JsonProperty("longest_monologue_words") int longestMonologueWords,
        @JsonProperty("longest_monologue_role") String longestMonologueRole) {

    public static Structural of(Call call) {
        List<Utterance> us = call.utterances();
        boolean timed = !us.isEmpty() && us.stream().allMatch(u -> u.start() != null && u.end() != null);

        Map<String, Integer> turns = roleMap(0);
        Map<String, Integer> words = roleMap(0);
        Role prevRole = null;
        for (Utterance u : us) {
            words.merge(u.role().wireName(), wordCount(u.text()), Integer::sum);
            if (u.role() != prevRole) {
                turns.merge(u.role().wireName(), 1, Integer::sum);
                prevRole = u.role();
            }
        }

        // longest monologue: consecutive utterances of one role, merged
        int bestWords = 0;
        Double bestSeconds = null;
        String bestRole = null;
        for (int i = 0; i < us.size(); ) {
            int j = i;
            int w = 0;
            while (j < us.size() && us.get(j).role() == us.get(i).role()) {
                w += wordCount(us.get(j).text());
                j++;
            }
            Double secs = timed ? us.get(j - 1).end() - us.get(i).start() : null;
            boolean longer = timed ? bestSeconds == null || secs > bestSeconds : w > bestWords;
            if (longer) {
                bestWords = w;
                bestSeconds = secs;
                bestRole = us.get(i).role().wireName();
            }
            i = j;
        }

        Double duration = call.durationS();
        Map<String, Double> talk = null;
        Double ratio = null;
        String basis = null;
        List<Double> latencies = null;
        Integer interruptions = null;
        Integer agentInterruptions = null;
        Double longestSilence = null;
        if (timed) {
            double first = us.stream().mapToDouble(Utterance::start).min().orElse(0);
            double last = us.stream().mapToDouble(Utterance::end).max().orElse(0);
            if (duration == null) {
                duration = last - first;
            }
            talk = new LinkedHashMap<>();
            for (Utterance u : us) {
                talk.merge(u.role().wireName(), Math.max(0, u.end() - u.start()), Double::sum);
            }
            double agent = talk.getOrDefault("agent", 0.0);
            double customer = talk.getOrDefault("customer", 0.0);
            if (agent + customer > 0) {
                ratio = agent / (agent + customer);
                basis = "time";
            }
            latencies = new ArrayList<>();
            interruptions = 0;
            agentInterruptions = 0;
            double silence = 0;
            double coveredUntil = us.get(0).end();
            for (int i = 1; i < us.size(); i++) {
                Utterance prev = us.get(i - 1);
                Utterance cur = us.get(i);
                if (cur.role() != prev.role() && cur.start() < prev.end()) {
                    interruptions++;
                    if (cur.role() == Role.AGENT && prev.role() == Role.CUSTOMER) {
                        agentInterruptions++;
                    }
                }
                if (cur.role() == Role.AGENT && prev.role() == Role.CUSTOMER && cur.start() >= prev.end()) {
                    latencies.add(round(cur.start() - prev.end()));
                }
                silence = Math.max(silence, cur.start() - coveredUntil);
                coveredUntil = Math.max(coveredUntil, cur.end());
            }
            longestSilence = round(silence);
        } else {
            int agent = words.getOrDefault("agent", 0);
            int customer = words.getOrDefault("customer", 0);
            if (agent + customer > 0) {
                ratio = (double) agent / (agent + customer);
                basis = "words";
            }
        }
        return new Structural(us.size(), turns, words, timed, round(duration), roundAll(talk), round(ratio), basis,
                latencies, latencies == null ? null : Stats.percentile(latencies, 50),
                latencies == null ? null : Stats.percentile(latencies, 95),
                interruptions, agentInterruptions, longestSilence, round(bestSeconds), bestWords, bestRole);
    }

    private static Map<String, Integer> roleMap(int zero) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Role r : Role.values()) {
            m.put(r.wireName(), zero);
        }
        return m;
    }

    static int wordCount(String text) {
        String t = text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    private static Map<String, Double> roundAll(Map<String, Double> m) {
        if (m == null) {
            return null;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, round(v)));
        return out;
    }

    /** Milliseconds are the finest unit any source gives; more digits would be noise in the files. */
    private static Double round(Double v) {
        return Stats.round(v);
    }
}
