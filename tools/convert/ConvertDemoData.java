import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import vaa.io.AtomicFiles;
import vaa.io.Json;
import vaa.transcript.Call;
import vaa.transcript.CanonicalJson;
import vaa.transcript.Role;
import vaa.transcript.Utterance;

/**
 * Builds the bundled demo campaigns in customer_data/ from the public datasets in shared/data:
 * Harper Valley bank calls as canonical transcripts, Taskmaster-4 coffee orders as a seed-002 campaign
 * (processed_conversations/ + speaker_map.json). Deterministic: a rerun writes byte-identical files.
 * Run it through tools/convert/convert.sh (it needs the compiled project and Jackson on the class path).
 */
public final class ConvertDemoData {
    /** Human-transcript markers for non-speech: [noise], [baby], [kids], [unintelligible], <unk>. */
    private static final Pattern NON_SPEECH = Pattern.compile("\\[[^\\]]*\\]|<unk>");
    private static final Pattern DIGITS = Pattern.compile("-?\\d+");
    private static final Pattern DIGIT_RUN = Pattern.compile("\\d+");
    /**
     * Taskmaster-4 scenarios in which the crowd worker asked a question or went off topic instead of ordering: whether
     * such a dialogue met the customer's need cannot be read off its API calls, so it gets no ground truth.
     */
    private static final Pattern NOT_AN_ORDER = Pattern.compile("(?i)off topic|what kind of|do you have|what's in a");

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ConvertDemoData SHARED_DATA_DIR CUSTOMER_DATA_DIR");
            System.exit(2);
        }
        Path source = Path.of(args[0]);
        Path target = Path.of(args[1]);
        int calls = harperValley(source.resolve("harper-valley"), target.resolve("harper-valley/bank-support"));
        int dialogues = taskmaster(source.resolve("taskmaster4/raw/TM-4-2024/data"), target.resolve("taskmaster/coffee-orders"));
        System.out.printf("wrote %d Harper Valley calls and %d Taskmaster-4 dialogues under %s%n", calls, dialogues, target);
    }

    // ---------------------------------------------------------------- Harper Valley

    private static int harperValley(Path source, Path out) throws IOException {
        Set<Path> written = new HashSet<>();
        int dropped = 0;
        int completed = 0;
        for (Path metaFile : sortedJson(source.resolve("metadata"))) {
            JsonNode meta = read(metaFile);
            String sid = meta.get("sid").asText();
            JsonNode segments = read(source.resolve("transcript").resolve(sid + ".json"));
            Call call = harperValleyCall(meta, segments);
            dropped += segments.size() - call.utterances().size();
            completed += ((Map<?, ?>) call.metadata().get("ground_truth")).get("task_completed").equals(true) ? 1 : 0;
            Path file = out.resolve(sid + ".json");
            CanonicalJson.write(file, call);
            written.add(file);
        }
        Path licence = out.resolve("LICENSE-Apache-2.0.txt");
        AtomicFiles.write(licence, Files.readAllBytes(source.resolve("LICENSE-Apache-2.0.txt")));
        removeStaleJson(out, written);
        System.out.printf("harper-valley: %d calls, %d non-speech segments dropped, task completed in %d%n", written.size(), dropped,
                completed);
        return written.size();
    }

    private static Call harperValleyCall(JsonNode meta, JsonNode segments) {
        long callStart = meta.get("start_time_ms").asLong();
        List<JsonNode> kept = new ArrayList<>();
        segments.forEach(s -> {
            if (isSpeech(s.get("human_transcript").asText())) {
                kept.add(s);
            }
        });
        // start_timestamp_ms (like offset_ms) is one timeline for both channels; start_ms is per channel and
        // puts the agent ~2 s late in most calls, so it is not used.
        kept.sort(Comparator.<JsonNode>comparingLong(s -> s.get("start_timestamp_ms").asLong())
                .thenComparingInt(s -> s.get("index").asInt()));
        List<Utterance> utterances = new ArrayList<>();
        for (JsonNode s : kept) {
            long startMs = s.get("start_timestamp_ms").asLong() - callStart;
            long endMs = startMs + s.get("duration_ms").asLong();
            if (startMs < 0) {
                throw new IllegalStateException(meta.get("sid").asText() + ": segment before call start");
            }
            String role = s.get("speaker_role").asText();
            Map<String, Object> extras = new LinkedHashMap<>();
            extras.put("segment_index", s.get("index").asInt());
            extras.put("asr_text", s.get("transcript").asText());
            extras.put("emotion", emotion(s.get("emotion")));
            utterances.add(new Utterance(role.equals("agent") ? Role.AGENT : Role.CUSTOMER, role,
                    s.get("human_transcript").asText(), startMs / 1000.0, endMs / 1000.0, extras));
        }

        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("source", "harper-valley");
        metadata.put("session", meta.get("session").asText());
        JsonNode task = meta.path("tasks").path(0);
        metadata.put("task_type", task.path("task_type").asText());
        Map<String, Object> taskFields = new LinkedHashMap<>();
        sortedFields(task).forEach(f -> {
            if (!f.equals("task_type")) {
                taskFields.put(f, task.get(f).asText());
            }
        });
        metadata.put("task", taskFields);
        metadata.put("agent_name", meta.path("agent").path("metadata").path("agent_name").asText());
        Map<String, Object> labels = new LinkedHashMap<>();
        sortedFields(meta.get("labels")).forEach(f -> labels.put(f, meta.get("labels").get(f).doubleValue()));
        metadata.put("labels", labels);
        putSurvey(metadata, "agent_survey", meta.path("agent").path("survey_response").path("data"));
        putSurvey(metadata, "caller_survey", meta.path("caller").path("survey_response").path("data"));
        metadata.put("dropped_non_speech_segments", segments.size() - utterances.size());
        JsonNode submissions = meta.path("agent").path("responses");
        metadata.put("agent_submission", lastSubmission(submissions));
        metadata.put("ground_truth", Map.of("task_completed", submittedTheTask(task, submissions)));

        long callEnd = meta.get("end_time_ms").asLong();
        return new Call(meta.get("sid").asText(), Instant.ofEpochMilli(callStart).toString(),
                (callEnd - callStart) / 1000.0, metadata, utterances);
    }

    /** The agent's last form submission with data, fields sorted, values as typed; empty when the agent submitted none. */
    private static Map<String, Object> lastSubmission(JsonNode submissions) {
        Map<String, Object> last = new LinkedHashMap<>();
        for (JsonNode s : submissions) {
            JsonNode data = s.path("data");
            if (data.isObject() && !data.isEmpty()) {
                last.clear();
                sortedFields(data).forEach(f -> last.put(f, data.get(f).asText()));
            }
        }
        return last;
    }

    /**
     * Ground truth for task completion: the agent submitted a form for the caller's task in which every field the
     * agent typed matches the script. Fields the agent only tells the caller (balance, branch hours) are not typed.
     */
    private static boolean submittedTheTask(JsonNode task, JsonNode submissions) {
        for (JsonNode s : submissions) {
            JsonNode data = s.path("data");
            if (!data.path("task_type").asText().equals(task.path("task_type").asText())) {
                continue;
            }
            boolean matches = true;
            for (String field : sortedFields(data)) {
                if (task.has(field) && !sameValue(field, task.get(field).asText(), data.get(field).asText())) {
                    matches = false;
                }
            }
            if (matches) {
                return true;
            }
        }
        return false;
    }

    /**
     * The agents type freely: "146.00" for 146, "2454969863" for 245-496-9863, "552 Main St, Harper Valley, CA 41912"
     * for "552 Main Street, Harper Valley, California, 41912". Amounts compare as numbers, phone numbers by their
     * digits, addresses by house number and ZIP code (the first and last digit runs), anything else by its letters
     * and digits, case-insensitively.
     */
    static boolean sameValue(String field, String scripted, String typed) {
        if (field.contains("amount")) {
            try {
                return new BigDecimal(scripted.strip()).compareTo(new BigDecimal(typed.strip())) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (field.equals("phone")) {
            return scripted.replaceAll("\\D", "").equals(typed.replaceAll("\\D", ""));
        }
        if (field.contains("address")) {
            List<String> a = DIGIT_RUN.matcher(scripted).results().map(m -> m.group()).toList();
            List<String> b = DIGIT_RUN.matcher(typed).results().map(m -> m.group()).toList();
            return !a.isEmpty() && !b.isEmpty() && a.get(0).equals(b.get(0)) && a.get(a.size() - 1).equals(b.get(b.size() - 1));
        }
        return alphanumeric(scripted).equals(alphanumeric(typed));
    }

    private static String alphanumeric(String s) {
        return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static boolean isSpeech(String humanTranscript) {
        return !NON_SPEECH.matcher(humanTranscript).replaceAll("").isBlank();
    }

    /** The subset stores three softmax scores; by their values (greetings high at the end, noise at the middle) the order is negative, neutral, positive. */
    private static Map<String, Object> emotion(JsonNode scores) {
        Map<String, Object> named = new LinkedHashMap<>();
        named.put("negative", scores.get(0).doubleValue());
        named.put("neutral", scores.get(1).doubleValue());
        named.put("positive", scores.get(2).doubleValue());
        return named;
    }

    /** Survey ratings are numbers written as strings in the source; they become numbers, comments stay text. */
    private static void putSurvey(Map<String, Object> metadata, String key, JsonNode data) {
        if (!data.isObject() || data.isEmpty()) {
            return;
        }
        Map<String, Object> survey = new LinkedHashMap<>();
        sortedFields(data).forEach(f -> {
            String v = data.get(f).asText();
            survey.put(f, DIGITS.matcher(v).matches() ? (Object) Integer.valueOf(v) : v);
        });
        metadata.put(key, survey);
    }

    // ---------------------------------------------------------------- Taskmaster-4

    private static int taskmaster(Path source, Path out) throws IOException {
        Path conversations = out.resolve("processed_conversations");
        Map<String, Boolean> speakerMap = new TreeMap<>();
        Set<Path> written = new HashSet<>();
        int finishedOrders = 0;
        for (Path dataFile : sortedJson(source)) {
            for (JsonNode dialogue : read(dataFile)) {
                String id = dialogue.get("conversation_id").asText();
                boolean agentIsSpeakerOne = agentIsSpeakerOne(id);
                ObjectNode root = Json.MAPPER.createObjectNode();
                root.put("audio_stem", id);
                ArrayNode utterances = root.putObject("conversation").putArray("utterances");
                for (JsonNode u : dialogue.get("utterances")) {
                    boolean agent = u.get("speaker").asText().equals("assistant");
                    ObjectNode node = utterances.addObject();
                    node.put("speaker_id", agent == agentIsSpeakerOne ? 1 : 2);
                    node.put("cleaned_text", u.get("text").asText());
                }
                ObjectNode metadata = root.putObject("metadata");
                metadata.put("scenario", dialogue.path("scenario").asText());
                metadata.put("vertical", dialogue.path("vertical").asText());
                metadata.put("source", "taskmaster-4");
                boolean finished = orderFinished(dialogue);
                metadata.put("order_finished", finished);
                if (!NOT_AN_ORDER.matcher(dialogue.path("scenario").asText()).find()) {
                    metadata.putObject("ground_truth").put("task_completed", finished);
                }
                Path file = conversations.resolve(id + ".json");
                if (!written.add(file)) {
                    throw new IllegalStateException("duplicate conversation_id " + id);
                }
                Json.write(file, root);
                speakerMap.put(id, agentIsSpeakerOne);
                finishedOrders += finished ? 1 : 0;
            }
        }
        ObjectNode map = Json.MAPPER.createObjectNode();
        speakerMap.forEach(map::put);
        Json.write(out.resolve("speaker_map.json"), map);
        removeStaleJson(conversations, written);
        long agentFirst = speakerMap.values().stream().filter(b -> b).count();
        System.out.printf("taskmaster-4: %d dialogues, agent is speaker 1 in %d, customer in %d; %d orders finished%n",
                written.size(), agentFirst, written.size() - agentFirst, finishedOrders);
        return written.size();
    }

    /** The dialogue placed its order: a finish_order API call was answered with success. */
    private static boolean orderFinished(JsonNode dialogue) throws IOException {
        for (JsonNode u : dialogue.get("utterances")) {
            Map<String, String> responses = new LinkedHashMap<>();
            u.path("annotations").forEach(a -> {
                if (a.path("name").asText().equals("response")) {
                    responses.put(a.path("context").asText(), a.path("value").asText());
                }
            });
            for (JsonNode a : u.path("annotations")) {
                if (a.path("name").asText().equals("api_call") && a.path("value").asText().equals("finish_order")) {
                    String response = responses.get(a.path("context").asText().replace("api_call", "api_response"));
                    if (response != null && Json.MAPPER.readTree(response).path("success").asBoolean(false)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A stable coin flip per conversation: even first byte of SHA-256(id) means the agent is speaker 1. */
    private static boolean agentIsSpeakerOne(String conversationId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(conversationId.getBytes(StandardCharsets.UTF_8));
            return (hash[0] & 1) == 0;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    // ---------------------------------------------------------------- files

    private static JsonNode read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Json.MAPPER.readTree(in);
        }
    }

    private static List<Path> sortedJson(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    private static List<String> sortedFields(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        names.sort(null);
        return names;
    }

    /** Deletes .json files left in {@code dir} by an earlier conversion that this one did not write. */
    private static void removeStaleJson(Path dir, Set<Path> written) throws IOException {
        for (Path p : sortedJson(dir)) {
            if (!written.contains(p) && !p.getFileName().toString().equals("speaker_map.json")) {
                Files.delete(p);
            }
        }
    }
}
