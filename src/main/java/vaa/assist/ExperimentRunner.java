package vaa.assist;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vaa.VaaException;
import vaa.llm.ChatMessage;
import vaa.llm.LlmClient;
import vaa.llm.LlmRequest;
import vaa.llm.Sleeper;
import vaa.llm.Tracer;

/**
 * The experiment loop of seed 002. Per step: the state before the step, the transcript window, the
 * prompt compiled with the suggestions shown so far, one model call, the parsed decision; then the
 * console line, the log block and the JSONL record, flushed. A failed compile or call is counted and
 * the loop goes on.
 *
 * <p>Interrupting the calling thread (Ctrl+C) ends the loop at once; the log still gets its footer,
 * saying at which step it stopped, and the result says so too.
 *
 * <p>Traced as one trace per experiment (one per conversation of a suite) with one span per step, each
 * step's model call a generation inside it.
 */
public final class ExperimentRunner {
    private final ExperimentPlan plan;
    private final LlmClient client;
    private final ExperimentFiles files;
    private final StepListener view;
    private final Sleeper sleeper;
    private final Tracer tracer;
    private final String session;
    private final List<Long> overheadNanos = new ArrayList<>();

    /**
     * {@code client} may be null for a dry run, which never calls it; the experiment is traced in {@code session}
     * (its own run name, or its suite's).
     */
    public ExperimentRunner(ExperimentPlan plan, LlmClient client, ExperimentFiles files, StepListener view, Sleeper sleeper,
                            Tracer tracer, String session) {
        if (client == null && !plan.dryRun()) {
            throw new IllegalArgumentException("a model client is needed unless the run is dry");
        }
        this.plan = plan;
        this.client = client;
        this.files = files;
        this.view = view;
        this.sleeper = sleeper;
        this.tracer = plan.dryRun() ? Tracer.OFF : tracer;
        this.session = session;
    }

    /** vaa's own time per finished step: the step's wall time minus the model call (and minus the delay). */
    public List<Long> overheadNanos() {
        return List.copyOf(overheadNanos);
    }

    public ExperimentResult run() {
        return run(List.of());
    }

    /**
     * Continues an experiment whose first steps are over: {@code prior} (steps 1..k, read back from the
     * records file, which already holds them) go into the log as they did the first time and count in
     * the totals; the model is asked from step k+1 on.
     */
    public ExperimentResult run(List<StepRecord> prior) {
        files.writeLog(LogFormat.header(plan));
        int total = plan.state().steps().size();
        List<String> previous = new ArrayList<>();
        List<Suggestion> shown = new ArrayList<>();
        Tally tally = new Tally();
        for (StepRecord r : prior) {
            tally.add(r);
            files.writeLog(LogFormat.step(r));
            if (r.status() == StepRecord.Status.OK && r.response().shown()) {
                previous.add(r.response().body());
                shown.add(new Suggestion(r.response().tag(), r.response().body()));
            }
        }
        Integer interruptedAt = null;
        Tracer.Start start = new Tracer.Start("assist", session, "assist", plan.model().key(), plan.prompt().traceRef(),
                Map.of("state_file", plan.stateDisplay(), "steps", String.valueOf(total), "first_step", String.valueOf(prior.size() + 1)));
        try (ModelCalls calls = plan.dryRun() ? null : new ModelCalls(client); Tracer.Span trace = tracer.trace(start)) {
            for (int i = prior.size(); i < total; i++) {
                if (Thread.currentThread().isInterrupted()) {
                    interruptedAt = i + 1;
                    break;
                }
                long stepStart = System.nanoTime();
                StepContext ctx = context(plan, i);
                view.stepStarted(ctx);
                Map<String, String> vars = PromptVariables.build(plan.turns(), ctx.utterance(),
                        plan.state().stateBefore(i), previous, plan.labels());
                long callNanos = 0;
                StepRecord record;
                Tracer.Span step = trace.child("step " + ctx.step() + "/" + total, Map.of("utterance_index",
                        String.valueOf(ctx.utterance()), "phase", String.valueOf(ctx.phase())));
                List<ChatMessage> messages = null;
                String compileError = null;
                try {
                    messages = plan.prompt().compile(vars);
                } catch (RuntimeException e) {
                    compileError = "Failed to compile prompt: " + describe(e);
                }
                if (compileError != null) {
                    step.fail(compileError);
                    record = StepRecord.failed(ctx, null, compileError, shown);
                } else if (plan.dryRun()) {
                    record = StepRecord.dryRun(ctx, messages, shown);
                } else {
                    try {
                        ModelCalls.Timed timed = calls.call(LlmRequest.of(messages)
                                .traced(new Tracer.Call(step, plan.prompt().traceRef(), "assist")));
                        callNanos = timed.nanos();
                        AssistResponse answer = AssistResponse.parse(timed.response().content());
                        answer.warning().ifPresent(view::warn);
                        if (answer.shown()) {
                            previous.add(answer.body());
                            shown.add(new Suggestion(answer.tag(), answer.body()));
                        }
                        record = StepRecord.ok(ctx, messages, timed.response(), answer, shown);
                    } catch (InterruptedException e) {
                        step.close();
                        interruptedAt = i + 1;
                        break;
                    } catch (RuntimeException e) {
                        if (e instanceof VaaException ve && ve.exitCode() == VaaException.INTERRUPTED) {
                            step.close();
                            interruptedAt = i + 1;
                            break;
                        }
                        step.fail("LLM call failed: " + describe(e));
                        record = StepRecord.failed(ctx, messages, "LLM call failed: " + describe(e), shown);
                    }
                }
                step.close();
                finish(record, tally, stepStart, callNanos);
                if (!pause(i, total)) {
                    interruptedAt = i + 2;
                    break;
                }
            }
        }
        if (interruptedAt != null) {
            // handled here: the footer and the closing summary must still be written
            Thread.interrupted();
        }
        ExperimentResult result = tally.result(total, interruptedAt, plan.dryRun());
        files.writeLog(LogFormat.footer(result));
        return result;
    }

    /** Where step {@code i} (0-based) is and what the model sees there; the same every time for a plan. */
    static StepContext context(ExperimentPlan plan, int i) {
        int total = plan.state().steps().size();
        JsonNode state = plan.state().stateBefore(i);
        int utterance = plan.state().steps().get(i).utteranceIndex();
        return new StepContext(i + 1, total, plan.state().previousUtterance(i), utterance, StateSummary.phase(state),
                TranscriptWindow.upTo(plan.turns(), utterance, plan.labels()), StateSummary.format(state));
    }

    private void finish(StepRecord record, Tally tally, long start, long callNanos) {
        tally.add(record);
        files.writeLog(LogFormat.step(record));
        files.writeRecord(JsonRecords.step(plan, record));
        view.stepFinished(record);
        overheadNanos.add(System.nanoTime() - start - callNanos);
    }

    /** Waits between steps (not after the last, not in a dry run); false when interrupted while waiting. */
    private boolean pause(int i, int total) {
        if (i >= total - 1 || plan.dryRun() || plan.delay().isZero()) {
            return true;
        }
        try {
            sleeper.sleep(plan.delay());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static String describe(RuntimeException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
