package vaa.llm;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Optional;
import java.util.TreeMap;
import vaa.VaaException;
import vaa.io.Json;

/**
 * Successful answers on disk, one small JSON file per request under the directory the caller owns
 * (a run's {@code cache/llm/}), named by the sha256 of the canonical JSON of everything that shapes
 * the answer: base URL, model, messages, parameters, extra body and response format. The API key is
 * not part of the key and nothing secret is written.
 */
public final class ResponseCache {
    private final Path dir;

    public ResponseCache(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public static String key(ResolvedModel model, LlmRequest request) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("base_url", model.baseUrl());
        root.put("model", model.model());
        ArrayNode messages = root.putArray("messages");
        request.messages().forEach(m -> messages.addObject().put("role", m.role()).put("content", m.content()));
        root.set("params", ChatRequests.effectiveParams(model, request));
        root.set("extra_body", model.extraBody());
        // "response_format" sorts after every other key, so the canonical text ends with it: its part (the same for
        // every request of a batch, and the largest) is added as made once per format, the bytes as if made here
        String rest = canonical(root);
        String format = request.format().filter(f -> model.entry().jsonSchema())
                .map(f -> ChatRequests.converted(f).canonical()).orElse("null");
        return sha256(rest.substring(0, rest.length() - 1) + ",\"response_format\":" + format + "}");
    }

    public Optional<LlmResponse> get(String key) {
        Path file = file(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Entry entry = Json.read(file, Entry.class);
            return Optional.of(new LlmResponse(entry.content(), entry.ttftMs(), entry.e2eMs(),
                    new LlmResponse.Usage(entry.promptTokens(), entry.completionTokens(), entry.totalTokens(),
                            entry.cachedTokens() == null ? 0 : entry.cachedTokens()),
                    entry.requestId(), entry.model(), true));
        } catch (IOException e) {
            // a damaged entry is a miss: the call is made again and the entry rewritten
            return Optional.empty();
        }
    }

    public void put(String key, LlmResponse response) {
        LlmResponse.Usage usage = response.usage();
        Entry entry = new Entry(key, response.model(), response.content(), response.requestId(), response.ttftMs(),
                response.e2eMs(), usage.promptTokens(), usage.completionTokens(), usage.totalTokens(),
                Instant.now().toString(), usage.cachedPromptTokens());
        try {
            Json.write(file(key), entry);
        } catch (IOException e) {
            throw VaaException.failure("Cannot write the model response cache " + file(key) + ": " + e.getMessage(), e);
        }
    }

    private Path file(String key) {
        return dir.resolve(key + ".json");
    }

    /** Object keys sorted at every level, no whitespace: equal requests give equal bytes. */
    static String canonical(JsonNode node) {
        try {
            return Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                fields.put(name, sorted(node.get(name)));
            }
            ObjectNode out = Json.MAPPER.createObjectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            node.forEach(n -> out.add(sorted(n)));
            return out;
        }
        return node;
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** The file format; snake_case like every other file vaa writes. */
    record Entry(
            @JsonProperty("key") String key,
            @JsonProperty("model") String model,
            @JsonProperty("content") String content,
            @JsonProperty("request_id") String requestId,
            @JsonProperty("ttft_ms") Long ttftMs,
            @JsonProperty("e2e_ms") long e2eMs,
            @JsonProperty("prompt_tokens") long promptTokens,
            @JsonProperty("completion_tokens") long completionTokens,
            @JsonProperty("total_tokens") long totalTokens,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("cached_tokens") Long cachedTokens) {}
}
