package vaa.perf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.SplittableRandom;
import vaa.run.Run;
import vaa.run.RunStore;

/**
 * Benchmark fixture: writes N realistic analysis files into WORKSPACE/runs/RUN (plain writes, the
 * fixture need not be atomic). Usage: GenerateAnalysesMain WORKSPACE RUN N
 */
public final class GenerateAnalysesMain {
    private static final String[] OUTCOMES = {"resolved", "resolved", "partially_resolved", "unresolved", "escalated", "abandoned"};
    private static final String[] FRICTION = {"misunderstanding", "repetition", "long_wait", "verification", "missing_information"};
    private static final String[] SENT = {"negative", "neutral", "positive"};

    public static void main(String[] args) throws Exception {
        Path ws = Path.of(args[0]);
        int n = Integer.parseInt(args[2]);
        Run run = new RunStore(ws, Clock.systemDefaultZone(), "bench").tryCreate(args[1]).orElseThrow();
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            String id = String.format("call_%07d", i);
            StringBuilder lat = new StringBuilder();
            int k = 3 + rnd.nextInt(10);
            for (int j = 0; j < k; j++) {
                lat.append(j == 0 ? "" : ", ").append(Math.round(rnd.nextDouble(0.2, 6.0) * 1000) / 1000.0);
            }
            String outcome = OUTCOMES[rnd.nextInt(OUTCOMES.length)];
            String doc = "{\n  \"schema_version\" : \"1.0\",\n  \"call_id\" : \"" + id + "\",\n  \"analysed_at\" : \"2026-11-21T09:00:00\",\n"
                    + "  \"metadata\" : {\"agent_name\" : \"agent_" + rnd.nextInt(20) + "\", \"source\" : \"bench\"},\n"
                    + "  \"structural\" : {\"utterances\" : " + (10 + rnd.nextInt(40)) + ", \"has_timestamps\" : true, \"duration_s\" : "
                    + rnd.nextInt(60, 900) + ".0, \"agent_talk_ratio\" : " + Math.round(rnd.nextDouble() * 1000) / 1000.0
                    + ", \"agent_response_latencies_s\" : [ " + lat + " ], \"interruptions\" : " + rnd.nextInt(5)
                    + ", \"longest_silence_s\" : " + rnd.nextInt(1, 20) + ".5},\n"
                    + "  \"judgement\" : {\"outcome\" : \"" + outcome + "\", \"customer_intent\" : \"check balance\", \"task_completed\" : "
                    + outcome.equals("resolved") + ", \"escalation_requested\" : " + outcome.equals("escalated")
                    + ", \"sentiment_start\" : \"" + SENT[rnd.nextInt(3)] + "\", \"sentiment_end\" : \"" + SENT[rnd.nextInt(3)] + "\","
                    + " \"friction_points\" : [ {\"category\" : \"" + FRICTION[rnd.nextInt(FRICTION.length)]
                    + "\", \"description\" : \"The customer repeated the account number twice.\", \"quote\" : \"i said my checking account\","
                    + " \"utterance_index\" : 3, \"quote_verified\" : true} ], \"agent_errors\" : [ ],"
                    + " \"summary\" : \"The customer asked for a balance; the agent verified and answered.\", \"failure_reason\" : null,"
                    + " \"improvement_suggestion\" : \"Confirm the account type before reading the balance.\"},\n"
                    + "  \"judgement_status\" : \"ok\"\n}\n";
            Files.writeString(run.analysesDir().resolve(id + ".json"), doc);
        }
        System.out.println("wrote " + n + " analyses to " + run.analysesDir());
    }
}
