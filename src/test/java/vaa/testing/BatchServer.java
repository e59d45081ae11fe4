package vaa.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import vaa.io.Json;

/**
 * A local server speaking OpenAI's Batch API ({@code POST /v1/files}, {@code POST /v1/batches}, {@code GET
 * /v1/batches[/{id}]}, {@code GET /v1/files[/{id}/content]}) and live chat completions (for repairs and retries). Each
 * request line is answered by a function of its body (null: the line fails). A batch is in progress for the first
 * {@link #pollsBeforeEnd} retrieves, then completed, or expired with only {@link #expireAfter} lines answered; it stays
 * in progress while {@link #hold} is set. Counts uploads, creates, and live requests.
 */
public final class BatchServer extends Dispatcher implements AutoCloseable {
    private static final Pattern BATCH = Pattern.compile("/v1/batches/([^/?]+)");
    private static final Pattern CONTENT = Pattern.compile("/v1/files/([^/?]+)/content");

    public final MockWebServer server = new MockWebServer();
    public final AtomicInteger uploads = new AtomicInteger();
    public final AtomicInteger creates = new AtomicInteger();
    public final AtomicInteger live = new AtomicInteger();
    /** The custom ids of every line submitted, in order, over all batches. */
    public final List<String> submitted = new CopyOnWriteArrayList<>();
    public volatile int pollsBeforeEnd = 1;
    public volatile Integer expireAfter;
    public volatile boolean hold;
    /** When set, a batch is failed as a whole at its first poll with this message in its {@code errors}. */
    public volatile String failWith;
    /** Creates whose batch is made but whose answer is a 500, as if the client died before reading it. */
    public final AtomicInteger dropCreateAnswers = new AtomicInteger();
    /** Uploads whose file is stored but whose answer is a 500, as if the client died before reading it. */
    public final AtomicInteger dropUploadAnswers = new AtomicInteger();
    /** When set, listing files is refused (404), as on a provider whose Files API cannot list. */
    public volatile boolean refuseFileList;
    /** Each stored file's listing entry (id, filename, bytes, purpose, status), oldest first. */
    private final List<ObjectNode> fileList = new CopyOnWriteArrayList<>();
    private final Function<JsonNode, String> answer;
    private final Map<String, String> files = new ConcurrentHashMap<>();
    private final Map<String, Batch> batches = new ConcurrentHashMap<>();
    private final List<String> order = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    private static final class Batch {
        final String id;
        final String inputFileId;
        final ObjectNode metadata;
        final List<String> lines;
        String status = "validating";
        int polls;
        String outputFileId;
        String errorFileId;
        long completed;
        long failed;
        String errors;

        Batch(String id, String inputFileId, ObjectNode metadata, List<String> lines) {
            this.id = id;
            this.inputFileId = inputFileId;
            this.metadata = metadata;
            this.lines = lines;
        }
    }

    public BatchServer(Function<JsonNode, String> answer) throws IOException {
        this.answer = answer;
        server.setDispatcher(this);
        server.start();
    }

    /** Environment that points the {@code openai} provider at this server, polling every 20 ms. */
    public Map<String, String> env() {
        return Map.of("OPENAI_BASE_URL", server.url("/v1").toString(), "OPENAI_API_KEY", "sk-test-key-123",
                "VAA_BATCH_POLL_MS", "20");
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath() == null ? "" : request.getPath();
        String method = request.getMethod();
        try {
            if (method.equals("POST") && path.startsWith("/v1/files")) {
                return upload(request);
            }
            if (method.equals("POST") && path.startsWith("/v1/batches")) {
                return create(request);
            }
            if (method.equals("POST") && path.startsWith("/v1/chat/completions")) {
                live.incrementAndGet();
                JsonNode body = Json.MAPPER.readTree(request.getBody().readUtf8());
                String content = answer.apply(body);
                return content == null ? new MockResponse().setResponseCode(500).setBody("{\"error\":{\"message\":\"boom\"}}")
                        : OpenAiStub.whole(content);
            }
            Matcher content = CONTENT.matcher(path);
            if (method.equals("GET") && content.matches()) {
                String text = files.get(content.group(1));
                return text == null ? notFound() : new MockResponse().setBody(text).setHeader("Content-Type", "application/jsonl");
            }
            Matcher one = BATCH.matcher(path);
            if (method.equals("GET") && one.matches()) {
                Batch b = batches.get(one.group(1));
                return b == null ? notFound() : respond(json(advance(b)));
            }
            if (method.equals("GET") && (path.equals("/v1/files") || path.startsWith("/v1/files?")) && !refuseFileList) {
                ObjectNode list = Json.MAPPER.createObjectNode().put("object", "list").put("has_more", false);
                ArrayNode data = list.putArray("data");
                for (int i = fileList.size() - 1; i >= 0; i--) {
                    data.add(fileList.get(i));
                }
                return new MockResponse().setBody(list.toString()).setHeader("Content-Type", "application/json");
            }
            if (method.equals("GET") && path.startsWith("/v1/batches")) {
                ObjectNode list = Json.MAPPER.createObjectNode().put("object", "list").put("has_more", false);
                ArrayNode data = list.putArray("data");
                for (int i = order.size() - 1; i >= 0; i--) {
                    data.add(json(batches.get(order.get(i))));
                }
                return new MockResponse().setBody(list.toString()).setHeader("Content-Type", "application/json");
            }
            return notFound();
        } catch (IOException e) {
            return new MockResponse().setResponseCode(400).setBody("{\"error\":{\"message\":\"" + e.getMessage() + "\"}}");
        }
    }

    private MockResponse upload(RecordedRequest request) {
        uploads.incrementAndGet();
        String body = request.getBody().readString(StandardCharsets.UTF_8);
        String type = request.getHeader("Content-Type");
        String boundary = "--" + type.substring(type.indexOf("boundary=") + "boundary=".length()).replace("\"", "");
        String jsonl = null;
        String filename = "input.jsonl";
        for (String part : body.split(Pattern.quote(boundary))) {
            if (part.contains("name=\"file\"")) {
                int start = part.indexOf("\r\n\r\n") + 4;
                jsonl = part.substring(start, part.lastIndexOf("\r\n"));
                Matcher name = Pattern.compile("filename=\"([^\"]*)\"").matcher(part.substring(0, start));
                if (name.find()) {
                    filename = name.group(1);
                }
            }
        }
        String id = "file-" + ids.incrementAndGet();
        files.put(id, jsonl == null ? "" : jsonl);
        ObjectNode f = Json.MAPPER.createObjectNode().put("id", id).put("object", "file")
                .put("bytes", jsonl == null ? 0 : jsonl.getBytes(StandardCharsets.UTF_8).length)
                .put("created_at", 1).put("filename", filename).put("purpose", "batch").put("status", "processed");
        fileList.add(f);
        if (dropUploadAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new MockResponse().setResponseCode(500).setBody("{\"error\":{\"message\":\"the connection broke\"}}");
        }
        return new MockResponse().setBody(f.toString()).setHeader("Content-Type", "application/json");
    }

    private MockResponse create(RecordedRequest request) throws IOException {
        creates.incrementAndGet();
        JsonNode body = Json.MAPPER.readTree(request.getBody().readUtf8());
        String input = files.get(body.path("input_file_id").asText());
        if (input == null) {
            return notFound();
        }
        List<String> lines = new ArrayList<>();
        for (String line : input.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
                submitted.add(Json.MAPPER.readTree(line).path("custom_id").asText());
            }
        }
        Batch b = new Batch("batch_" + ids.incrementAndGet(), body.path("input_file_id").asText(),
                body.path("metadata").isObject() ? (ObjectNode) body.path("metadata") : Json.MAPPER.createObjectNode(), lines);
        batches.put(b.id, b);
        order.add(b.id);
        if (dropCreateAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new MockResponse().setResponseCode(500).setBody("{\"error\":{\"message\":\"the connection broke\"}}");
        }
        return respond(json(b));
    }

    private synchronized Batch advance(Batch b) throws IOException {
        if (b.outputFileId != null || b.status.equals("expired") || b.status.equals("failed")) {
            return b;
        }
        if (failWith != null) {
            b.status = "failed";
            b.errors = failWith;
            return b;
        }
        b.status = "in_progress";
        if (hold || b.polls++ < pollsBeforeEnd) {
            b.completed = b.lines.size() / 2;
            return b;
        }
        int answered = expireAfter == null ? b.lines.size() : Math.min(expireAfter, b.lines.size());
        StringBuilder out = new StringBuilder();
        StringBuilder errors = new StringBuilder();
        b.completed = 0;
        b.failed = 0;
        for (int i = 0; i < answered; i++) {
            JsonNode line = Json.MAPPER.readTree(b.lines.get(i));
            String custom = line.path("custom_id").asText();
            String content = answer.apply(line.path("body"));
            ObjectNode result = Json.MAPPER.createObjectNode().put("id", "batch_req_" + i).put("custom_id", custom);
            ObjectNode response = result.putObject("response");
            response.put("request_id", "req_" + b.id + "_" + i);
            if (content == null) {
                response.put("status_code", 500);
                response.putObject("body").putObject("error").put("message", "the model failed on this request");
                result.putNull("error");
                errors.append(result).append('\n');
                b.failed++;
            } else {
                response.put("status_code", 200);
                response.set("body", Json.MAPPER.readTree(completion(content, line.path("body").path("model").asText())));
                result.putNull("error");
                out.append(result).append('\n');
                b.completed++;
            }
        }
        b.outputFileId = "file-" + ids.incrementAndGet();
        files.put(b.outputFileId, out.toString());
        if (errors.length() > 0) {
            b.errorFileId = "file-" + ids.incrementAndGet();
            files.put(b.errorFileId, errors.toString());
        }
        b.status = expireAfter == null ? "completed" : "expired";
        return b;
    }

    private static String completion(String content, String model) {
        ObjectNode c = Json.MAPPER.createObjectNode().put("id", "chatcmpl-b").put("object", "chat.completion").put("created", 1)
                .put("model", model);
        ObjectNode choice = c.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        c.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20).put("total_tokens", 120);
        return c.toString();
    }

    private static ObjectNode json(Batch b) {
        ObjectNode n = Json.MAPPER.createObjectNode().put("id", b.id).put("object", "batch").put("endpoint", "/v1/chat/completions")
                .put("input_file_id", b.inputFileId).put("completion_window", "24h").put("status", b.status).put("created_at", 1);
        if (b.outputFileId != null) {
            n.put("output_file_id", b.outputFileId);
        }
        if (b.errorFileId != null) {
            n.put("error_file_id", b.errorFileId);
        }
        n.putObject("request_counts").put("total", b.lines.size()).put("completed", b.completed).put("failed", b.failed);
        n.set("metadata", b.metadata);
        if (b.errors != null) {
            n.putObject("errors").put("object", "list").putArray("data").addObject()
                    .put("code", "invalid_request").put("message", b.errors).put("line", 1);
        }
        return n;
    }

    private static MockResponse respond(ObjectNode body) {
        return new MockResponse().setBody(body.toString()).setHeader("Content-Type", "application/json");
    }

    private static MockResponse notFound() {
        return new MockResponse().setResponseCode(404).setBody("{\"error\":{\"message\":\"not found\"}}");
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}
