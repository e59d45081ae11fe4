package vaa.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.MultipartField;
import com.openai.core.http.HttpResponse;
import com.openai.errors.OpenAIException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.batches.BatchListPage;
import com.openai.models.batches.BatchListParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileListPage;
import com.openai.models.files.FileListParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import vaa.io.Json;

/**
 * OpenAI's Batch API through openai-java, on the same client (base URL, key, headers, connection pool) as the model's
 * live calls: an input file of chat requests uploaded ({@code POST /files}, purpose batch), a batch made of it
 * ({@code POST /batches}), polled ({@code GET /batches/{id}}), its output and error files read
 * ({@code GET /files/{id}/content}). Each request line is the very body a live call sends, unstreamed.
 */
public final class BatchApi {
    /** The endpoint every request line names; the only one vaa batches. */
    public static final String ENDPOINT = "/v1/chat/completions";

    /**
     * A batch as the provider reports it; {@code status} is the provider's word (validating, in_progress, completed...);
     * {@code errors} is what it said about a batch it refused or failed as a whole (null when it said nothing).
     */
    public record State(String id, String status, String inputFileId, String outputFileId, String errorFileId,
                        long total, long completed, long failed, Map<String, String> metadata, String errors) {
        /** Whether the provider is done with it: nothing more will be answered. */
        public boolean ended() {
            return ended(status);
        }

        /** Whether a batch with this status is done with (completed, failed, expired, cancelled). */
        public static boolean ended(String status) {
            return status != null && switch (status) {
                case "completed", "failed", "expired", "cancelled" -> true;
                default -> false;
            };
        }
    }

    private final ResolvedModel model;
    private final Supplier<OpenAIClient> sdk;
    private final ProviderErrors errors;

    BatchApi(ResolvedModel model, Supplier<OpenAIClient> sdk, Clock clock) {
        this.model = model;
        this.sdk = sdk;
        this.errors = new ProviderErrors(model, clock);
    }

    /** Uploads a JSONL input file, streamed from disk (a batch's file can be hundreds of MB); its file id. */
    public String upload(Path jsonl, String filename) {
        return call(() -> {
            try (InputStream in = Files.newInputStream(jsonl)) {
                MultipartField<InputStream> file = MultipartField.<InputStream>builder().value(in)
                        .filename(filename).contentType("application/jsonl").build();
                return sdk.get().files().create(FileCreateParams.builder().file(file).purpose(FilePurpose.BATCH).build()).id();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * The newest batch input file of the account named {@code filename} of {@code bytes} bytes, looking through at most
     * {@code pages} pages of 100, newest first: an upload that landed before the process that made it stopped.
     */
    public Optional<String> findFile(String filename, long bytes, int pages) {
        return call(() -> {
            FileListPage page = sdk.get().files().list(FileListParams.builder().purpose("batch").limit(100L)
                    .order(FileListParams.Order.DESC).build());
            for (int i = 0; i < pages; i++) {
                for (FileObject f : page.data()) {
                    if (filename.equals(f._filename().asKnown().orElse(null)) && f._bytes().asKnown().orElse(-1L) == bytes) {
                        return Optional.of(f.id());
                    }
                }
                if (!page.hasNextPage()) {
                    break;
                }
                page = page.nextPage();
            }
            return Optional.empty();
        });
    }

    /** Starts a batch over an uploaded file, tagged with {@code metadata} (how a batch made before a crash is found again). */
    public State create(String inputFileId, Map<String, String> metadata) {
        BatchCreateParams.Metadata.Builder tags = BatchCreateParams.Metadata.builder();
        metadata.forEach(tags::putProperty);
        return call(() -> state(sdk.get().batches().create(BatchCreateParams.builder()
                .inputFileId(inputFileId)
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .metadata(tags.build())
                .build())));
    }

    public State retrieve(String batchId) {
        return call(() -> state(sdk.get().batches().retrieve(batchId)));
    }

    /** The newest batch of the account tagged {@code key}={@code value}, looking through at most {@code pages} pages of 100. */
    public Optional<State> find(String key, String value, int pages) {
        return call(() -> {
            BatchListPage page = sdk.get().batches().list(BatchListParams.builder().limit(100L).build());
            for (int i = 0; i < pages; i++) {
                for (Batch b : page.data()) {
                    State s = state(b);
                    if (value.equals(s.metadata().get(key))) {
                        return Optional.of(s);
                    }
                }
                if (!page.hasNextPage()) {
                    break;
                }
                page = page.nextPage();
            }
            return Optional.empty();
        });
    }

    /** Each line of a file's content, in order (output and error files are JSONL). */
    public void lines(String fileId, Consumer<String> each) {
        call(() -> {
            try (HttpResponse response = sdk.get().files().content(fileId);
                 BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isBlank()) {
                        each.accept(line);
                    }
                }
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** One line of an input file: {@code custom_id}, method, endpoint and the chat request's body as a live call sends it. */
    public static String line(ResolvedModel model, LlmRequest request, String customId) {
        try {
            String body = SdkJson.MAPPER.writeValueAsString(ChatRequests.toParams(model, request.unstreamed())._body());
            // written by hand around the body the SDK serialised, rather than parsing it into a tree to write it again
            return "{\"custom_id\":" + Json.MAPPER.writeValueAsString(customId) + ",\"method\":\"POST\",\"url\":\"" + ENDPOINT
                    + "\",\"body\":" + body + "}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a chat request", e);
        }
    }

    /**
     * The answer in an output line's {@code response.body} (a chat completion), read as a live unstreamed answer is;
     * {@code requestId} is the line's {@code response.request_id}. Fails as a live call does when there is no content.
     */
    public LlmResponse answer(JsonNode body, String requestId) {
        StringBuilder content = new StringBuilder();
        String finish = null;
        for (JsonNode choice : body.path("choices")) {
            finish = choice.path("finish_reason").isTextual() ? choice.path("finish_reason").asText() : finish;
            JsonNode text = choice.path("message").path("content");
            if (text.isTextual()) {
                content.append(text.asText());
            }
        }
        if (content.length() == 0) {
            String why = "length".equals(finish) ? " (finish_reason=length: the token limit was used up, e.g. by thinking)" : "";
            throw LlmException.unusable(model.host(), "the model returned no content" + why, false, null);
        }
        JsonNode u = body.path("usage");
        long prompt = u.path("prompt_tokens").asLong(0);
        long completion = u.path("completion_tokens").asLong(0);
        LlmResponse.Usage usage = new LlmResponse.Usage(prompt, completion, u.path("total_tokens").asLong(prompt + completion),
                u.path("prompt_tokens_details").path("cached_tokens").asLong(0));
        String id = requestId != null && !requestId.isBlank() ? requestId : body.path("id").asText(null);
        return new LlmResponse(content.toString(), null, 0, usage, id, body.path("model").asText(model.model()), false);
    }

    private static State state(Batch b) {
        Map<String, String> tags = new LinkedHashMap<>();
        b.metadata().ifPresent(m -> m._additionalProperties().forEach((k, v) -> v.asString().ifPresent(s -> tags.put(k, String.valueOf(s)))));
        long total = b.requestCounts().map(c -> c.total()).orElse(0L);
        long completed = b.requestCounts().map(c -> c.completed()).orElse(0L);
        long failed = b.requestCounts().map(c -> c.failed()).orElse(0L);
        return new State(b.id(), b.status().asString(), b.inputFileId(), b.outputFileId().orElse(null),
                b.errorFileId().orElse(null), total, completed, failed, tags, errors(b));
    }

    /** The first few of a failed batch's errors ("code: message (line n)"), as the provider's dashboard would show them. */
    private static String errors(Batch b) {
        List<String> said = b.errors().flatMap(Batch.Errors::data).orElse(List.of()).stream().limit(3)
                .map(e -> e.code().map(c -> c + ": ").orElse("") + e.message().orElse("no message")
                        + e.line().map(l -> " (line " + l + ")").orElse(""))
                .toList();
        return said.isEmpty() ? null : String.join("; ", said);
    }

    private <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (OpenAIException e) {
            throw errors.translate(e);
        } catch (UncheckedIOException e) {
            throw errors.translate(e.getCause());
        }
    }
}
