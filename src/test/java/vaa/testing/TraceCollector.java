package vaa.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import vaa.io.Json;
import vaa.llm.ChatMessage;

/**
 * A local Langfuse as far as vaa's tracing sees it: the OTel endpoint (OTLP/HTTP protobuf, decoded
 * with the OpenTelemetry proto classes), the scores endpoint, and prompts by name. Also serves as a
 * plain OTLP collector at {@code /v1/traces}. Keeps every request body so a test can look for
 * secrets in exactly what was sent.
 */
public final class TraceCollector extends Dispatcher implements AutoCloseable {
    public static final String PUBLIC_KEY = "pk-lf-test-public";
    public static final String SECRET_KEY = "sk-lf-test-secret-4711";

    /** One received span, with its resource's attributes. */
    public record Span(String traceId, String spanId, String parentSpanId, String name, long startNanos, long endNanos,
                       int statusCode, String statusMessage, Map<String, Object> attributes, List<Event> events,
                       Map<String, Object> resource) {
        public String text(String key) {
            Object v = attributes.get(key);
            return v == null ? null : v.toString();
        }

        public JsonNode json(String key) {
            try {
                return Json.MAPPER.readTree(text(key));
            } catch (IOException e) {
                throw new AssertionError(key + " is not JSON: " + text(key), e);
            }
        }

        public boolean isRoot() {
            return parentSpanId.isEmpty();
        }
    }

    public record Event(String name, Map<String, Object> attributes) {}

    public final MockWebServer server = new MockWebServer();
    public final List<Span> spans = new CopyOnWriteArrayList<>();
    public final List<JsonNode> scores = new CopyOnWriteArrayList<>();
    public final List<String> bodies = new CopyOnWriteArrayList<>();
    public final List<String> authorizations = new CopyOnWriteArrayList<>();
    public final List<RecordedRequest> traceRequests = new CopyOnWriteArrayList<>();
    private final Map<String, List<ChatMessage>> prompts = new ConcurrentHashMap<>();
    private final Map<String, Integer> promptVersions = new ConcurrentHashMap<>();
    private volatile int tracesStatus = 200;
    private volatile int scoresStatus = 200;

    public TraceCollector() throws IOException {
        server.setDispatcher(this);
        server.start();
    }

    /** Serves {@code name} at {@code version} as a Langfuse chat prompt. */
    public TraceCollector prompt(String name, int version, List<ChatMessage> messages) {
        prompts.put(name, messages);
        promptVersions.put(name, version);
        return this;
    }

    /** Answers span exports and scores with this status (401: keys refused). */
    public TraceCollector reject(int status) {
        tracesStatus = status;
        scoresStatus = status;
        return this;
    }

    /** The environment that points vaa's Langfuse settings here. */
    public Map<String, String> langfuseEnv() {
        return Map.of("LANGFUSE_HOST", server.url("/").toString(), "LANGFUSE_PUBLIC_KEY", PUBLIC_KEY,
                "LANGFUSE_SECRET_KEY", SECRET_KEY);
    }

    public static Map<String, String> merged(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = new LinkedHashMap<>(a);
        m.putAll(b);
        return m;
    }

    public List<Span> roots() {
        return spans.stream().filter(Span::isRoot).toList();
    }

    public List<Span> childrenOf(Span parent) {
        return spans.stream().filter(s -> s.parentSpanId().equals(parent.spanId()) && s.traceId().equals(parent.traceId())).toList();
    }

    public List<Span> generations() {
        return spans.stream().filter(s -> "generation".equals(s.text("langfuse.observation.type"))).toList();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath() == null ? "" : request.getPath();
        String auth = request.getHeader("Authorization");
        if (auth != null) {
            authorizations.add(auth);
        }
        if (path.endsWith("/v1/traces")) {
            traceRequests.add(request);
            byte[] body = request.getBody().readByteArray();
            bodies.add(new String(body, StandardCharsets.ISO_8859_1));
            if (tracesStatus != 200) {
                return new MockResponse().setResponseCode(tracesStatus).setBody("{\"message\":\"Invalid credentials\"}");
            }
            try {
                record(ExportTraceServiceRequest.parseFrom(body));
            } catch (IOException e) {
                return new MockResponse().setResponseCode(400);
            }
            return new MockResponse().setHeader("Content-Type", "application/x-protobuf")
                    .setBody(new Buffer().write(ExportTraceServiceResponse.getDefaultInstance().toByteArray()));
        }
        if (path.equals("/api/public/scores")) {
            String body = request.getBody().readUtf8();
            bodies.add(body);
            if (scoresStatus != 200) {
                return new MockResponse().setResponseCode(scoresStatus).setBody("{\"message\":\"Invalid credentials\"}");
            }
            try {
                scores.add(Json.MAPPER.readTree(body));
            } catch (IOException e) {
                return new MockResponse().setResponseCode(400);
            }
            return new MockResponse().setHeader("Content-Type", "application/json").setBody("{\"id\":\"s\"}");
        }
        if (path.startsWith("/api/public/v2/prompts/")) {
            String name = path.substring("/api/public/v2/prompts/".length()).replaceAll("\\?.*", "");
            if (!prompts.containsKey(name)) {
                return new MockResponse().setResponseCode(404).setBody("{\"message\":\"Prompt not found\"}");
            }
            return new MockResponse().setHeader("Content-Type", "application/json").setBody(promptJson(name));
        }
        return new MockResponse().setResponseCode(404);
    }

    private String promptJson(String name) {
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("name", name).put("version", promptVersions.get(name)).put("type", "chat");
        ArrayNode messages = p.putArray("prompt");
        prompts.get(name).forEach(m -> messages.addObject().put("role", m.role()).put("content", m.content()));
        p.putObject("config");
        p.putArray("labels").add("production");
        p.putArray("tags");
        return p.toString();
    }

    private void record(ExportTraceServiceRequest export) {
        for (ResourceSpans rs : export.getResourceSpansList()) {
            Map<String, Object> resource = attributes(rs.getResource().getAttributesList());
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span s : ss.getSpansList()) {
                    List<Event> events = new ArrayList<>();
                    s.getEventsList().forEach(e -> events.add(new Event(e.getName(), attributes(e.getAttributesList()))));
                    spans.add(new Span(hex(s.getTraceId().toByteArray()), hex(s.getSpanId().toByteArray()),
                            hex(s.getParentSpanId().toByteArray()), s.getName(), s.getStartTimeUnixNano(), s.getEndTimeUnixNano(),
                            s.getStatus().getCodeValue(), s.getStatus().getMessage(), attributes(s.getAttributesList()), events, resource));
                }
            }
        }
    }

    private static Map<String, Object> attributes(List<KeyValue> kvs) {
        Map<String, Object> out = new LinkedHashMap<>();
        kvs.forEach(kv -> out.put(kv.getKey(), value(kv.getValue())));
        return out;
    }

    private static Object value(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> v.getIntValue();
            case BOOL_VALUE -> v.getBoolValue();
            case DOUBLE_VALUE -> v.getDoubleValue();
            case ARRAY_VALUE -> v.getArrayValue().getValuesList().stream().map(TraceCollector::value).toList();
            default -> v.toString();
        };
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}
