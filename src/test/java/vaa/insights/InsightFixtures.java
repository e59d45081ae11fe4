package vaa.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vaa.io.Json;
import vaa.run.Run;
import vaa.run.RunStore;

/** A run with hand-made analyses, and stub answers that cite exactly the ids a request shows. */
public final class InsightFixtures {
    static final String[] OUTCOMES = {"resolved", "unresolved", "escalated", "resolved", "abandoned", "partially_resolved"};
    static final String[] FRICTION = {"repetition", "long_wait", "misunderstanding"};
    private static final Pattern CALL_LINE = Pattern.compile("- call ([A-Za-z0-9._-]+)");
    private static final Pattern IDS_LINE = Pattern.compile("call ids: ([^\\n]*)");

    private InsightFixtures() {}

    /** {@code runs/<id>} with {@code judged} analyses call-00.., plus one structural-only and one failed call. */
    public static Run run(Path workspace, String id, int judged) throws IOException {
        Run run = new RunStore(workspace, Clock.systemDefaultZone(), "test").tryCreate(id).orElseThrow();
        Files.createDirectories(run.analysesDir());
        for (int i = 0; i < judged; i++) {
            writeJudged(run, String.format("call-%02d", i), i);
        }
        Files.writeString(run.analysesDir().resolve("zz-structural.json"), "{\"schema_version\":\"1.0\",\"call_id\":\"zz-structural\","
                + "\"metadata\":{},\"structural\":{\"agent_response_latencies_s\":[9.5],\"duration_s\":20.0},\"judgement\":null}");
        Files.writeString(run.analysesDir().resolve("zz-failed.error.json"), "{\"call_id\":\"zz-failed\",\"error\":\"boom\"}");
        return run;
    }

    static void writeJudged(Run run, String id, int i) throws IOException {
        String outcome = OUTCOMES[i % OUTCOMES.length];
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("schema_version", "1.0").put("call_id", id);
        doc.putObject("metadata").put("agent_name", i % 2 == 0 ? "Mary" : "James");
        ObjectNode s = doc.putObject("structural");
        s.putArray("agent_response_latencies_s").add(1.0 + i % 4).add(0.5 + i);
        s.put("duration_s", 60.0 + i).put("agent_talk_ratio", 0.5);
        ObjectNode j = doc.putObject("judgement");
        j.put("outcome", outcome).put("customer_intent", i % 2 == 0 ? "order a latte" : "check balance")
                .put("task_completed", outcome.equals("resolved")).put("escalation_requested", outcome.equals("escalated"))
                .put("sentiment_start", "neutral").put("sentiment_end", outcome.equals("resolved") ? "positive" : "negative");
        ArrayNode fp = j.putArray("friction_points");
        if (!outcome.equals("resolved")) {
            fp.addObject().put("category", FRICTION[i % FRICTION.length]).put("description", "The customer repeated the order.")
                    .put("quote", "I said a large latte, number " + i).put("utterance_index", 3).put("quote_verified", i % 5 != 0);
        }
        ArrayNode errs = j.putArray("agent_errors");
        if (outcome.equals("unresolved") || outcome.equals("abandoned")) {
            errs.addObject().put("category", "no_confirmation").put("description", "Did not read the order back.").put("utterance_index", 4);
        }
        j.put("summary", "Caller " + i + " wanted to " + j.get("customer_intent").asText() + "; the call ended " + outcome + ".");
        if (outcome.equals("resolved")) {
            j.putNull("failure_reason");
        } else {
            j.put("failure_reason", i % 2 == 0 ? "The agent misheard the size." : "The caller could not be verified.");
        }
        j.put("improvement_suggestion", "Read the order back before placing it.");
        Files.writeString(run.analysesDir().resolve(id + ".json"), Json.pretty(doc));
    }

    /** True for a request made with the batch (chunk) prompt. */
    public static boolean isBatch(JsonNode request) {
        return userText(request).startsWith("Batch ");
    }

    public static String userText(JsonNode request) {
        for (JsonNode m : request.path("messages")) {
            if ("user".equals(m.path("role").asText())) {
                return m.path("content").asText();
            }
        }
        return "";
    }

    /** The call ids the notes in a request show: per-call lines, or the ids of batch themes. */
    public static List<String> idsShown(JsonNode request) {
        String text = userText(request);
        List<String> ids = new ArrayList<>();
        Matcher m = CALL_LINE.matcher(text);
        while (m.find()) {
            ids.add(m.group(1));
        }
        Matcher t = IDS_LINE.matcher(text);
        while (t.find()) {
            for (String id : t.group(1).split(",\\s*")) {
                if (!id.isBlank()) {
                    ids.add(id.strip());
                }
            }
        }
        return ids;
    }

    /** A valid answer with one theme citing the given ids (and whatever extra ones a test adds). */
    public static String answer(String title, List<String> ids) {
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.put("summary", "Most failures come from " + title.toLowerCase() + ".");
        ObjectNode t = a.putArray("themes").addObject();
        t.put("title", title).put("explanation", "Customers repeat themselves because the agent does not confirm.")
                .put("call_count", ids.size());
        ArrayNode arr = t.putArray("supporting_call_ids");
        ids.forEach(arr::add);
        t.putArray("recommendations").add("Read the order back before placing it.");
        return a.toString();
    }
}
