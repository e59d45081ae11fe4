package vaa.llm;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonField;
import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import com.openai.services.blocking.chat.ChatCompletionService.WithRawResponse;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Chat completions over openai-java against any OpenAI-compatible base URL. Streams unless the request is
 * {@linkplain LlmRequest#unstreamed() batch work}, so {@code ttftMs} is the real time to the first content delta;
 * asks for usage in the final chunk. An unstreamed request's answer is one JSON document: no TTFT, and one parse
 * where a streamed answer is an event per token, each parsed into a chunk.
 * The SDK's own retries are off (see {@link RetryingLlmClient}). Each attempt waits for its
 * {@link Pacer} first and tells it the rate-limit headers of the answer, 200 or error.
 *
 * <p>Chunk fields are read through the SDK's lenient {@code _field()} accessors: compatible servers
 * leave out fields OpenAI always sends (Gemini has no {@code object}, Ollama's last chunk no choices).
 */
final class OpenAiCompatibleClient implements LlmClient {
    private final ResolvedModel model;
    private final Supplier<OpenAIClient> sdk;
    private final ProviderErrors errors;
    private final Pacer pacer;
    private final Clock clock;
    private final RequestOptions whole;

    OpenAiCompatibleClient(ResolvedModel model, Supplier<OpenAIClient> sdk, Pacer pacer, Clock clock) {
        this(model, sdk, pacer, clock, LlmOptions.defaults().requestTimeout());
    }

    /**
     * {@code requestTimeout} is also the longest silence allowed while an unstreamed answer is generated: it comes in one
     * piece at the end, so the read timeout meant for gaps inside a stream would cut off any long answer.
     */
    OpenAiCompatibleClient(ResolvedModel model, Supplier<OpenAIClient> sdk, Pacer pacer, Clock clock, Duration requestTimeout) {
        this.model = model;
        this.whole = RequestOptions.builder().timeout(Timeout.builder().read(requestTimeout).build()).build();
        this.sdk = sdk;
        this.errors = new ProviderErrors(model, clock);
        this.pacer = pacer;
        this.clock = clock;
    }

    @Override
    public LlmResponse complete(LlmRequest request, Consumer<String> onDelta) {
        ChatCompletionCreateParams params = ChatRequests.toParams(model, request);
        checkInterrupted();
        // building the SDK client (first call: ~1 s of class loading, see OpenAiSdk.warmUp) is not the provider's latency
        var completions = sdk.get().chat().completions().withRawResponse();
        // nor is waiting for the provider's rate limit
        Pacer.Slot slot = pace(ChatRequests.estimatedPromptTokens(model, request), ChatRequests.allowedOutputTokens(params));
        RequestClock.start(System.nanoTime());
        try {
            LlmResponse response = request.stream() ? streamed(completions, params, slot, onDelta) : whole(completions, params, slot, onDelta);
            slot.done(response.usage());
            return response;
        } catch (OpenAIException e) {
            if (e instanceof OpenAIServiceException refused) {
                slot.observe(RateLimitHeaders.parse(refused.headers()::values, clock), RetryAfter.parse(refused.headers()::values, clock));
            }
            throw errors.translate(e);
        } catch (UncheckedIOException e) {
            throw errors.translate(e.getCause());
        }
    }

    private LlmResponse streamed(WithRawResponse completions, ChatCompletionCreateParams params, Pacer.Slot slot,
                                 Consumer<String> onDelta) {
        try (HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw = completions.createStreaming(params);
             StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
            errors.answered();
            slot.observe(RateLimitHeaders.parse(raw.headers()::values, clock), Optional.empty());
            return read(stream.stream().iterator(), raw.requestId(), RequestClock.sent(), onDelta);
        }
    }

    private LlmResponse whole(WithRawResponse completions, ChatCompletionCreateParams params, Pacer.Slot slot,
                              Consumer<String> onDelta) {
        try (HttpResponseFor<ChatCompletion> raw = completions.create(params, whole)) {
            errors.answered();
            slot.observe(RateLimitHeaders.parse(raw.headers()::values, clock), Optional.empty());
            ChatCompletion completion = raw.parse();
            long end = System.nanoTime();
            String finishReason = null;
            StringBuilder content = new StringBuilder();
            for (ChatCompletion.Choice choice : known(completion._choices()).orElse(List.of())) {
                finishReason = known(choice._finishReason()).map(Object::toString).orElse(finishReason);
                known(choice._message()).flatMap(m -> known(m._content())).ifPresent(content::append);
            }
            String text = usable(content, finishReason);
            onDelta.accept(text);
            LlmResponse.Usage usage = known(completion._usage()).map(OpenAiCompatibleClient::usage).orElse(LlmResponse.Usage.NONE);
            String requestId = raw.requestId().filter(s -> !s.isBlank()).orElse(known(completion._id()).orElse(null));
            return new LlmResponse(text, null, millis(end - RequestClock.sent()), usage, requestId,
                    known(completion._model()).orElse(model.model()), false);
        }
    }

    private Pacer.Slot pace(long promptTokens, long outputTokens) {
        try {
            return pacer.await(promptTokens, outputTokens);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LlmException.interrupted(model.host());
        }
    }

    private LlmResponse read(Iterator<ChatCompletionChunk> chunks, Optional<String> headerRequestId, long start,
                             Consumer<String> onDelta) {
        StringBuilder content = new StringBuilder();
        long firstContentNanos = -1;
        String completionId = null;
        String servedModel = null;
        String finishReason = null;
        LlmResponse.Usage usage = LlmResponse.Usage.NONE;
        while (chunks.hasNext()) {
            ChatCompletionChunk chunk = chunks.next();
            checkInterrupted();
            completionId = known(chunk._id()).orElse(completionId);
            servedModel = known(chunk._model()).orElse(servedModel);
            for (ChatCompletionChunk.Choice choice : known(chunk._choices()).orElse(List.of())) {
                finishReason = known(choice._finishReason()).map(Object::toString).orElse(finishReason);
                String text = known(choice._delta()).flatMap(d -> known(d._content())).orElse("");
                if (!text.isEmpty()) {
                    if (firstContentNanos < 0) {
                        firstContentNanos = System.nanoTime();
                    }
                    content.append(text);
                    onDelta.accept(text);
                }
            }
            usage = known(chunk._usage()).map(OpenAiCompatibleClient::usage).orElse(usage);
        }
        long end = System.nanoTime();
        String text = usable(content, finishReason);
        String requestId = headerRequestId.filter(s -> !s.isBlank()).orElse(completionId);
        return new LlmResponse(text, millis(firstContentNanos - start), millis(end - start), usage,
                requestId, servedModel == null ? model.model() : servedModel, false);
    }

    private String usable(StringBuilder content, String finishReason) {
        if (content.length() == 0) {
            String why = "length".equals(finishReason) ? " (finish_reason=length: the token limit was used up, e.g. by thinking)" : "";
            throw LlmException.unusable(model.host(), "the model returned no content" + why, false, null);
        }
        return content.toString();
    }

    private static LlmResponse.Usage usage(CompletionUsage u) {
        long prompt = known(u._promptTokens()).orElse(0L);
        long completion = known(u._completionTokens()).orElse(0L);
        long cached = known(u._promptTokensDetails()).flatMap(d -> known(d._cachedTokens())).orElse(0L);
        return new LlmResponse.Usage(prompt, completion, known(u._totalTokens()).orElse(prompt + completion), cached);
    }

    private static <T> Optional<T> known(JsonField<T> field) {
        return field.asKnown();
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1_000_000.0);
    }

    private void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw LlmException.interrupted(model.host());
        }
    }
}
