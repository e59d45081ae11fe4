package vaa.ask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
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

/** Runs with hand-written analyses and transcripts whose right answers are obvious. */
public final class AskFixtures {
    /** The calls that did not end resolved in {@link #standard}. */
    public static final List<String> NOT_RESOLVED = List.of("esc-supervisor", "esc-human", "refund-fail", "pwd-reset", "wait-long", "repeat-order");

    private AskFixtures() {}

    public static Run run(Path ws, String id) {
        return new RunStore(ws, Clock.systemDefaultZone(), "test").tryCreate(id).orElseThrow();
    }

    /** Eleven calls: two escalations, two refunds, a password reset, a long wait, a repeated order, resolved routine calls, one unjudged. */
    public static Run standard(Path ws, String id) {
        Run run = run(ws, id);
        call(run, "esc-supervisor", "escalated", "dispute a card charge",
                "The customer disputed a card charge and demanded a supervisor; the agent transferred the call to a human.",
                "The agent could not reverse the charge.", "customer_frustration", "I want to talk to a supervisor right now",
                "Thank you for calling, how can I help?", "There is a charge on my card I did not make",
                "I can look into that charge for you", "I want to talk to a supervisor right now", "Transferring you now");
        call(run, "esc-human", "escalated", "close the account",
                "The customer wanted to close the account and asked for a real person; the bot handed over to a human.",
                "Closing an account is not something the bot can do.", "missing_capability", "can I speak to a real person",
                "Hello, what can I do for you today?", "I want to close my account", "I can help with balances and payments",
                "can I speak to a real person", "One moment please");
        call(run, "refund-ok", "resolved", "request a refund",
                "The customer was charged twice and asked for a refund; the agent issued the refund.", null, null, null,
                "Hi, how can I help?", "I paid twice for one order and want a refund", "I see the double payment",
                "thanks", "The refund is on its way");
        call(run, "refund-fail", "unresolved", "request a refund",
                "The refund could not be issued because the order number was not found.", "Order lookup failed.",
                "verification", "my order number is 4 4 7 1",
                "Hi, how can I help?", "I want my money back for order 4471", "Could you repeat the order number",
                "my order number is 4 4 7 1", "I cannot find that order");
        call(run, "pwd-reset", "unresolved", "reset a password",
                "The customer could not reset the password because the verification code never arrived.", "The SMS code was not delivered.",
                "verification", "I never got the code",
                "Hello, how can I help?", "I need to reset my password", "I sent you a code by text message",
                "I never got the code", "Please try again later");
        call(run, "wait-long", "abandoned", "check an order status",
                "Long silences while the agent looked up the order; the customer hung up.", "The lookup took too long.",
                "long_wait", "hello are you still there",
                "Hi, how can I help?", "Where is my parcel", "Let me look that up", "hello are you still there", "Still searching");
        call(run, "repeat-order", "partially_resolved", "order a coffee",
                "The agent misheard the drink twice; the customer had to repeat it before the order was right.",
                "Speech recognition misheard the drink.", "repetition", "no I said a flat white",
                "What can I get you?", "A flat white please", "One latte coming up", "no I said a flat white", "Sorry, one flat white");
        call(run, "balance-ok", "resolved", "check the balance", "The agent read out the savings balance after verification.",
                null, null, null, "Hi, how can I help?", "What is my savings balance", "It is 120 dollars", "thank you", "Goodbye");
        call(run, "balance-ok-2", "resolved", "check the balance", "The customer learned the checking balance.",
                null, null, null, "Hello", "Checking balance please", "You have 80 dollars", "great", "Bye");
        call(run, "address-change", "resolved", "update an address", "The address was updated and the customer confirmed it.",
                null, null, null, "Hi", "I moved and need to change my address", "What is the new address", "12 Elm Street", "Done");
        structuralOnly(run, "unjudged", "Hello", "I would like a flat white", "Coming up");
        return run;
    }

    /** One judged call: its transcript (agent first, turns alternating) and its analysis. */
    public static void call(Run run, String id, String outcome, String intent, String summary, String failure,
                            String frictionCategory, String quote, String... lines) {
        transcript(run, id, lines);
        ObjectNode a = analysis(id, lines.length);
        ObjectNode j = a.putObject("judgement");
        j.put("outcome", outcome).put("customer_intent", intent).put("task_completed", outcome.equals("resolved"))
                .put("escalation_requested", outcome.equals("escalated")).put("sentiment_start", "neutral")
                .put("sentiment_end", outcome.equals("resolved") ? "positive" : "negative");
        ArrayNode fp = j.putArray("friction_points");
        if (frictionCategory != null) {
            int index = List.of(lines).indexOf(quote);
            fp.addObject().put("category", frictionCategory).put("description", "The customer struggled.").put("quote", quote)
                    .put("utterance_index", index).put("quote_verified", index >= 0);
        }
        j.putArray("agent_errors");
        j.put("summary", summary);
        if (failure == null) {
            j.putNull("failure_reason");
        } else {
            j.put("failure_reason", failure);
        }
        j.put("improvement_suggestion", "Confirm the request before acting.");
        a.put("judgement_status", "ok");
        write(run.analysesDir().resolve(id + ".json"), a);
    }

    public static void structuralOnly(Run run, String id, String... lines) {
        transcript(run, id, lines);
        ObjectNode a = analysis(id, lines.length);
        a.put("judgement_status", "skipped");
        write(run.analysesDir().resolve(id + ".json"), a);
    }

    private static ObjectNode analysis(String id, int utterances) {
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.put("schema_version", "1.0").put("call_id", id).put("analysed_at", "2026-01-21T14:00:00");
        a.putObject("metadata").put("source", "fixture").put("agent_name", "bot");
        a.putObject("structural").put("utterances", utterances).put("has_timestamps", false).put("interruptions", 0);
        return a;
    }

    private static void transcript(Run run, String id, String... lines) {
        ObjectNode t = Json.MAPPER.createObjectNode();
        t.put("id", id);
        ArrayNode us = t.putArray("utterances");
        for (int i = 0; i < lines.length; i++) {
            us.addObject().put("speaker", i % 2 == 0 ? "agent" : "customer").put("text", lines[i]);
        }
        write(run.sampledDir().resolve(id + ".json"), t);
    }

    private static void write(Path file, JsonNode doc) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.pretty(doc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern CONTEXT_ID = Pattern.compile("(?m)^\\[([^\\]\\s]+)]$");

    /** The call ids in the notes of a chat request, in order: what the model was shown. */
    public static List<String> contextIds(JsonNode request) {
        List<String> ids = new ArrayList<>();
        for (JsonNode m : request.path("messages")) {
            Matcher matcher = CONTEXT_ID.matcher(m.path("content").asText());
            while (matcher.find()) {
                ids.add(matcher.group(1));
            }
        }
        return ids;
    }
}
