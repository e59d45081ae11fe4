package vaa.ask;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import vaa.VaaException;
import vaa.llm.LlmClient;
import vaa.llm.LlmException;
import vaa.llm.LlmOptions;
import vaa.llm.LlmRequest;
import vaa.llm.LlmResponse;
import vaa.llm.LlmRuntime;
import vaa.llm.ModelCatalog;
import vaa.llm.ModelChoice;
import vaa.llm.ResolvedModel;
import vaa.llm.Tracer;
import vaa.prompt.ModelSetup;
import vaa.prompt.Prompt;
import vaa.run.Run;

/**
 * The model side of asking: which model and prompt, and one streamed, cancellable answer.
 *
 * <p>The model is {@code --model}, else the catalog's {@code ask} default when a workspace
 * catalog names one, else its {@code insights} default: answering from many calls' notes and the
 * run's metrics is the synthesis the insights stage does, so it gets the same (stronger) model,
 * and the built-in catalog needs no new role. Answers are cached in the run's {@code cache/llm/}
 * like every model call of vaa: the same question over the same context is not paid for twice.
 */
final class AskModel implements AutoCloseable {
    static final String ROLE = "ask";
    /** Sampling settings a prompt's config may carry (Langfuse's convention); anything else in the config is not sent. */
    private static final List<String> PROMPT_PARAMS = List.of("temperature", "top_p", "max_tokens", "max_completion_tokens");
    /** One answer at a time, plus room for a few cancelled ones still draining, so a new question never waits for them. */
    private static final int CALLS_IN_FLIGHT = 4;

    private final ModelChoice choice;
    private final Prompt prompt;
    private final LlmRuntime runtime;
    private final LlmClient client;
    private final Tracer.Start traces;
    private final ExecutorService calls;

    private AskModel(ModelChoice choice, Prompt prompt, LlmRuntime runtime, LlmClient client, Tracer.Start traces) {
        this.choice = choice;
        this.prompt = prompt;
        this.runtime = runtime;
        this.client = client;
        this.traces = traces;
        this.calls = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "vaa-ask-model");
            t.setDaemon(true);
            return t;
        });
    }

    /** Resolves model and prompt; an unknown --model, a missing key for it or an unusable prompt is exit 2. */
    static AskModel select(Run run, AskSetup setup) {
        AskOptions o = setup.options();
        ModelSetup models = ModelSetup.load(setup.env(), setup.workspace(), o.promptSource(), setup.messages());
        ModelChoice choice = models.model(o.modelKey(), ROLE, ModelCatalog.INSIGHTS);
        if (choice.model().isEmpty()) {
            return new AskModel(choice, null, null, null, null);
        }
        Prompt prompt = models.prompt(o.promptName(), AskOptions.DEFAULT_PROMPT, o.promptLabel(), o.promptVersion());
        requireVariables(prompt);
        LlmRuntime runtime = new LlmRuntime(LlmOptions.defaults().withWorkers(CALLS_IN_FLIGHT).withCacheDir(run.llmCacheDir()),
                setup.tracer());
        ResolvedModel model = choice.model().get();
        Tracer.Start traces = new Tracer.Start("ask", run.id(), "ask", model.key(), prompt.traceRef(), Map.of());
        return new AskModel(choice, prompt, runtime, runtime.open(model, o.noCache()), traces);
    }

    Optional<ResolvedModel> model() {
        return choice.model();
    }

    Optional<Prompt> prompt() {
        return Optional.ofNullable(prompt);
    }

    /** Why there is no model and how to configure one; null when there is a model. */
    String whyNone() {
        return choice.whyNone();
    }

    /**
     * The answer to the compiled prompt, its text handed to {@code onDelta} as it arrives. The call
     * runs on a worker so that an interrupt of the asking thread (Ctrl+C in a session) stops the
     * answer at once: a thread blocked reading a socket does not notice an interrupt until the
     * provider sends the next bytes, which for a thinking model can be many seconds away. The
     * abandoned call is interrupted too and ends at its next chunk; its text is dropped. Each answer
     * is a trace of its own in the run's session.
     */
    LlmResponse answer(Map<String, Object> variables, Consumer<String> onDelta) {
        try (Tracer.Span trace = runtime.tracer().trace(traces)) {
            return answer(request(variables).traced(new Tracer.Call(trace, prompt.traceRef(), "answer")), onDelta);
        }
    }

    private LlmResponse answer(LlmRequest request, Consumer<String> onDelta) {
        AtomicBoolean abandoned = new AtomicBoolean();
        Future<LlmResponse> call = calls.submit(() -> client.complete(request, d -> {
            if (!abandoned.get()) {
                onDelta.accept(d);
            }
        }));
        try {
            return call.get();
        } catch (InterruptedException e) {
            abandoned.set(true);
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw LlmException.interrupted(choice.model().orElseThrow().host());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw VaaException.failure("The model call failed: " + e.getCause(), e.getCause());
        }
    }

    private LlmRequest request(Map<String, Object> variables) {
        LlmRequest request = LlmRequest.of(prompt.compile(variables));
        JsonNode config = prompt.config();
        for (String p : PROMPT_PARAMS) {
            if (config.path(p).isNumber()) {
                request = request.withParam(p, config.path(p).numberValue());
            }
        }
        return request;
    }

    Map<String, Object> describeModel() {
        return ModelSetup.describeBriefly(choice.model().orElseThrow());
    }

    Map<String, Object> describePrompt() {
        return ModelSetup.describe(prompt);
    }

    /** A prompt that never shows the question or the calls would have the model answer blind; refuse it. */
    private static void requireVariables(Prompt p) {
        List<String> vars = p.variables();
        if (!vars.contains("question") || !vars.contains("calls")) {
            throw VaaException.usage("Prompt " + p.describe() + " must use {{question}} and {{calls}} (and may use {{metrics}},"
                    + " {{run_id}}, {{call_count}}, {{total_calls}}). Its variables: " + vars);
        }
    }

    @Override
    public void close() {
        calls.shutdownNow();
        if (runtime != null) {
            runtime.close();
        }
    }
}
