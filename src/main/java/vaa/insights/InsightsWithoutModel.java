package vaa.insights;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import vaa.analysis.AnalysisFiles;
import vaa.extract.NlFields;
import vaa.run.Run;

/**
 * Stage 5 with no model: themes computed from metrics.json — the non-resolved outcomes, the largest
 * friction and agent-error categories, the slowest responses — with call ids from nl_fields.json
 * when it exists and from the analyses for latency. Recommendations come from a fixed table per
 * category; nothing here pretends to be a model, and the files say so.
 */
final class InsightsWithoutModel {
    static final int TOP_CATEGORIES = 5;
    static final int SLOWEST_CALLS = 10;
    /** A computed theme of a large run could name thousands of calls; the first ones by id are listed, and the count says how many. */
    static final int MAX_IDS = 50;

    /** The summary and themes; the caller labels them. */
    record Computed(String summary, List<InsightTheme> themes) {}

    private static final Map<String, String> OUTCOME_ADVICE = Map.of(
            "partially_resolved", "Read the failure reasons of these calls to find the part of the task the agent could not finish, and give it the missing step or tool.",
            "unresolved", "Read the failure reasons of these calls and fix the most common one first (prompt rule, missing tool or missing fact).",
            "escalated", "Check whether these escalations were necessary; give the agent what it needs to finish the common cases itself.",
            "abandoned", "Look at the last turns before customers left: long waits, repeated questions and dead ends are the usual causes.");

    private static final Map<String, String> FRICTION_ADVICE = Map.ofEntries(
            Map.entry("misunderstanding", "Have the agent restate what it understood before acting, and add the misunderstood phrasings to the prompt as examples."),
            Map.entry("repetition", "Make the agent keep what the customer already said and confirm it once, instead of asking again."),
            Map.entry("long_wait", "Shorten the agent's response time (shorter prompt, faster model, streaming speech) and say what is happening during unavoidable waits."),
            Map.entry("verification", "Simplify verification: ask for fewer items, one at a time, and say why they are needed."),
            Map.entry("policy_limitation", "Give the agent the reason behind each policy and an alternative to offer when it must say no."),
            Map.entry("transfer", "Review when the agent transfers, and pass the context on so the customer need not repeat it."),
            Map.entry("technical_issue", "Check the audio and speech-recognition logs of these calls and add recovery lines for bad audio."),
            Map.entry("missing_information", "Give the agent the facts it lacked (knowledge base, tools) or a clear way to look them up."),
            Map.entry("wrong_information", "Correct the agent's source of facts and tell it to say when it is unsure rather than guess."),
            Map.entry("customer_frustration", "Add de-escalation guidance: acknowledge the frustration, then offer a concrete next step."));

    private static final Map<String, String> ERROR_ADVICE = Map.ofEntries(
            Map.entry("wrong_information", "Ground the agent's answers in a verified source and forbid guessing."),
            Map.entry("missed_intent", "Add the missed requests to the prompt's intent examples and have the agent confirm the intent early."),
            Map.entry("no_confirmation", "Require the agent to read back key details (amounts, dates, items) before acting."),
            Map.entry("interrupted_customer", "Tune end-of-turn detection and barge-in so the agent lets the customer finish."),
            Map.entry("unnecessary_transfer", "List the cases the agent must handle itself before transferring."),
            Map.entry("policy_violation", "Put the violated policy into the prompt as an explicit rule with an example."),
            Map.entry("unprofessional_tone", "Tighten the tone instructions in the prompt with examples of the expected register."),
            Map.entry("failed_to_act", "Check the tools behind these calls; make the agent say when an action failed and what happens next."));

    private static final String GENERIC_ADVICE = "Read the example calls to name the problem precisely, then address it in the prompt.";

    private InsightsWithoutModel() {}

    static Computed compute(Run run, JsonNode metrics, NlFields fields) {
        List<InsightTheme> themes = new ArrayList<>();
        int judged = metrics.path("outcomes").path("n").asInt(0);
        outcomes(metrics, fields, judged, themes);
        categories(metrics.path("friction"), "Friction", "friction", judged, FRICTION_ADVICE, fields,
                (c, cat) -> c.friction().stream().anyMatch(f -> cat.equals(f.category())), themes);
        categories(metrics.path("agent_errors"), "Agent error", "agent_error", judged, ERROR_ADVICE, fields,
                (c, cat) -> c.agentErrors().stream().anyMatch(e -> cat.equals(e.category())), themes);
        latency(run, metrics, themes);
        return new Computed(summary(metrics, judged), themes);
    }

    private static void outcomes(JsonNode m, NlFields fields, int judged, List<InsightTheme> themes) {
        List<JsonNode> failing = new ArrayList<>();
        m.path("outcomes").path("distribution").forEach(o -> {
            if (!"resolved".equals(o.path("outcome").asText()) && o.path("count").asInt() > 0) {
                failing.add(o);
            }
        });
        failing.sort(Comparator.comparingInt((JsonNode o) -> -o.path("count").asInt()));
        for (JsonNode o : failing) {
            String outcome = o.path("outcome").asText();
            List<NlFields.CallNotes> calls = fields == null ? List.of()
                    : fields.calls().stream().filter(c -> outcome.equals(c.outcome())).toList();
            List<String> ids = calls.stream().map(NlFields.CallNotes::callId).toList();
            String explanation = o.path("count").asInt() + " of " + judged + " judged calls (" + rate(o) + ") ended "
                    + label(outcome) + "." + commonReasons(calls)
                    + (fields == null ? " Run vaa extract to have the calls listed." : listed(ids));
            themes.add(new InsightTheme("Calls ending " + label(outcome), explanation, o.path("count").asInt(), capped(ids),
                    List.of(OUTCOME_ADVICE.getOrDefault(outcome, GENERIC_ADVICE)), "outcome"));
        }
    }

    private static List<String> capped(List<String> ids) {
        return ids.size() <= MAX_IDS ? ids : ids.subList(0, MAX_IDS);
    }

    private static String listed(List<String> ids) {
        return ids.size() <= MAX_IDS ? "" : " The first " + MAX_IDS + " of the " + ids.size() + " calls (by id) are listed.";
    }

    /** The failure reasons given more than once, with counts: the cheapest clustering there is. */
    private static String commonReasons(List<NlFields.CallNotes> calls) {
        Map<String, Integer> counts = new HashMap<>();
        calls.forEach(c -> {
            if (c.failureReason() != null) {
                counts.merge(c.failureReason(), 1, Integer::sum);
            }
        });
        List<Map.Entry<String, Integer>> repeated = counts.entrySet().stream().filter(e -> e.getValue() > 1)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(3).toList();
        if (repeated.isEmpty()) {
            return "";
        }
        List<String> parts = repeated.stream().map(e -> "\"" + e.getKey() + "\" (" + e.getValue() + ")").toList();
        return " Failure reasons given more than once: " + String.join("; ", parts) + ".";
    }

    private interface Has {
        boolean test(NlFields.CallNotes call, String category);
    }

    private static void categories(JsonNode section, String what, String kind, int judged, Map<String, String> advice,
                                   NlFields fields, Has has, List<InsightTheme> themes) {
        int n = 0;
        for (JsonNode c : section.path("categories")) {
            if (n++ == TOP_CATEGORIES) {
                break;
            }
            String category = c.path("category").asText();
            int calls = c.path("calls").asInt();
            List<String> ids = new ArrayList<>();
            if (fields != null) {
                fields.calls().stream().filter(call -> has.test(call, category)).forEach(call -> ids.add(call.callId()));
            } else {
                c.path("example_call_ids").forEach(id -> ids.add(id.asText()));
            }
            String explanation = c.path("count").asInt() + " occurrence" + (c.path("count").asInt() == 1 ? "" : "s") + " in "
                    + calls + " of " + judged + " judged calls" + (judged > 0 ? String.format(Locale.ROOT, " (%.1f%%)", 100.0 * calls / judged) : "")
                    + "." + example(fields, category, kind)
                    + (fields == null ? " The calls listed are metrics.json's examples; vaa extract lists them all." : listed(ids));
            themes.add(new InsightTheme(what + ": " + label(category), explanation, calls, capped(ids),
                    List.of(advice.getOrDefault(category, GENERIC_ADVICE)), kind));
        }
    }

    /** One piece of evidence from the notes: a verified quote for friction, a description for an agent error. */
    private static String example(NlFields fields, String category, String kind) {
        if (fields == null) {
            return "";
        }
        for (NlFields.CallNotes c : fields.calls()) {
            if ("friction".equals(kind)) {
                for (NlFields.FrictionQuote f : c.friction()) {
                    if (category.equals(f.category()) && f.verified() && f.quote() != null) {
                        return " For example \"" + f.quote() + "\" (call " + c.callId() + ").";
                    }
                }
            } else {
                for (NlFields.AgentError e : c.agentErrors()) {
                    if (category.equals(e.category()) && e.description() != null) {
                        return " For example: " + e.description() + " (call " + c.callId() + ").";
                    }
                }
            }
        }
        return "";
    }

    private static void latency(Run run, JsonNode m, List<InsightTheme> themes) {
        JsonNode lat = m.path("structural").path("agent_response_latency_s");
        if (lat.path("n").asInt(0) == 0 || !lat.path("p95").isNumber()) {
            return;
        }
        double p95 = lat.path("p95").asDouble();
        Slowest slowest = slowest(run, p95);
        JsonNode silence = m.path("structural").path("longest_silence_s");
        int timed = lat.path("calls_with_timing").asInt();
        String explanation = String.format(Locale.ROOT, "Agent response latency over %d responses in %d call%s with timestamps%s: "
                        + "p50 %s s, p90 %s s, p95 %s s, slowest %s s. %d call%s had at least one response slower than the p95 (%s s).",
                lat.path("n").asInt(), timed, timed == 1 ? "" : "s", timed < 5 ? " (a small base: read it as an example, not a rate)" : "",
                num(lat.path("p50")), num(lat.path("p90")), num(lat.path("p95")),
                num(lat.path("max")), slowest.callsOverP95, slowest.callsOverP95 == 1 ? "" : "s", num(lat.path("p95")))
                + (silence.path("p95").isNumber() ? " Longest silence per call: p95 " + num(silence.path("p95")) + " s." : "")
                + " The supporting calls are the " + slowest.ids.size() + " with the slowest single response.";
        themes.add(new InsightTheme("Slowest agent responses", explanation, slowest.callsOverP95, slowest.ids,
                List.of("Find where the time goes in the slowest turns (model, tools, speech synthesis) and shorten the longest step; "
                        + "fill unavoidable waits with a short status line."), "latency"));
    }

    private record Slowest(int callsOverP95, List<String> ids) {}

    /** One pass over the analyses keeping only a small heap: memory does not grow with the calls. */
    private static Slowest slowest(Run run, double threshold) {
        record Call(String id, double max) {}
        PriorityQueue<Call> top = new PriorityQueue<>(Comparator.comparingDouble(Call::max).thenComparing(Call::id, Comparator.reverseOrder()));
        int[] over = {0};
        AnalysisFiles.forEach(run, (p, doc) -> {
            double max = -1;
            for (JsonNode v : doc.path("structural").path("agent_response_latencies_s")) {
                max = Math.max(max, v.asDouble());
            }
            if (max < 0) {
                return;
            }
            if (max > threshold) {
                over[0]++;
            }
            top.add(new Call(doc.path("call_id").asText(p.getFileName().toString().replaceFirst("\\.json$", "")), max));
            if (top.size() > SLOWEST_CALLS) {
                top.poll();
            }
        });
        List<Call> sorted = new ArrayList<>(top);
        sorted.sort(Comparator.comparingDouble(Call::max).reversed().thenComparing(Call::id));
        return new Slowest(over[0], sorted.stream().map(Call::id).toList());
    }

    private static String summary(JsonNode m, int judged) {
        JsonNode calls = m.path("calls");
        StringBuilder b = new StringBuilder("Computed without a model from metrics.json: ")
                .append(calls.path("analyses").asInt()).append(" analysed calls, ").append(judged).append(" with a model judgement");
        if (judged > 0) {
            for (JsonNode o : m.path("outcomes").path("distribution")) {
                if ("resolved".equals(o.path("outcome").asText())) {
                    b.append("; ").append(rate(o)).append(" resolved");
                }
            }
            JsonNode tc = m.path("task_completion");
            if (tc.path("share").isNumber()) {
                b.append(", task completed in ").append(rate(tc));
            }
            JsonNode top = m.path("friction").path("categories").path(0);
            if (!top.isMissingNode()) {
                b.append("; most common friction: ").append(label(top.path("category").asText()))
                        .append(" (").append(top.path("calls").asInt()).append(" calls)");
            }
        }
        JsonNode lat = m.path("structural").path("agent_response_latency_s");
        if (lat.path("p95").isNumber()) {
            b.append("; agent response latency p95 ").append(num(lat.path("p95"))).append(" s");
        }
        return b.append('.').toString();
    }

    private static String rate(JsonNode r) {
        if (!r.path("share").isNumber()) {
            return "n/a";
        }
        String s = String.format(Locale.ROOT, "%.1f%%", 100 * r.path("share").asDouble());
        JsonNode ci = r.path("ci95");
        if (ci.isArray() && ci.size() == 2) {
            s += String.format(Locale.ROOT, ", 95%% CI %.1f\u2013%.1f%%", 100 * ci.get(0).asDouble(), 100 * ci.get(1).asDouble());
        }
        return s;
    }

    private static String num(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.2f", n.asDouble()).replaceFirst("\\.?0+$", "") : "n/a";
    }

    static String label(String category) {
        return category.replace('_', ' ');
    }
}
