package vaa.assist;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import vaa.VaaException;
import vaa.llm.LlmClient;
import vaa.llm.Sleeper;
import vaa.llm.Tracer;

/**
 * Replays the conversations of a suite, {@code workers} at once, each on its own thread with seed
 * 002's loop ({@link ExperimentRunner}): steps of a conversation in order, conversations in
 * parallel, every model call through the one client (and so the one limiter, retries and cache).
 *
 * <p>Resuming is the default: a conversation an earlier run finished is not replayed, one it left
 * half done continues after its last recorded step ({@link PriorSteps}). Interrupting the calling
 * thread (Ctrl+C) interrupts the conversations in flight, which write their logs' footers, and
 * leaves the others for the next run. A conversation that cannot be replayed is reported and the
 * suite goes on. The summary is written at the end either way.
 */
public final class SuiteRunner {
    /** How long running conversations get to close their logs after Ctrl+C; within the guard's own grace. */
    static final Duration STOP_GRACE = InterruptGuard.GRACE.minusSeconds(1);

    private final Path workspace;
    private final SuitePlan plan;
    private final LlmClient client;
    private final AssistListener view;
    private final Sleeper sleeper;
    private final Tracer tracer;

    /** {@code client} may be null for a dry run, which never calls it; each conversation is a trace in the suite's session. */
    public SuiteRunner(Path workspace, SuitePlan plan, LlmClient client, AssistListener view, Sleeper sleeper, Tracer tracer) {
        if (client == null && !plan.dryRun()) {
            throw new IllegalArgumentException("a model client is needed unless the suite is dry");
        }
        this.workspace = workspace;
        this.plan = plan;
        this.client = client;
        this.view = view;
        this.sleeper = sleeper;
        this.tracer = tracer;
    }

    public SuiteResult run() {
        if (!plan.resumed()) {
            SuiteManifest.of(plan).write(workspace);
        }
        List<String> errors = new ArrayList<>();
        Map<ExperimentPlan, PriorSteps> todo = new LinkedHashMap<>();
        int alreadyFinished = 0;
        for (ExperimentPlan conversation : plan.conversations()) {
            try {
                PriorSteps prior = PriorSteps.read(workspace, conversation);
                if (prior.finished()) {
                    alreadyFinished++;
                } else {
                    todo.put(conversation, prior);
                }
            } catch (VaaException e) {
                errors.add(SuitePlan.memberName(conversation) + ": " + e.getMessage());
                view.error(SuitePlan.memberName(conversation) + ": " + e.getMessage());
            }
        }
        if (alreadyFinished > 0) {
            view.info(alreadyFinished + " of " + plan.conversations().size() + " conversations were finished before; not replayed");
        }
        AtomicInteger ended = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(plan.workers(), todo.size())), r -> {
            Thread t = new Thread(r, "vaa-assist-suite");
            t.setDaemon(true);   // a conversation abandoned after Ctrl+C must not keep the process alive
            return t;
        });
        List<Future<SuiteProgress>> futures = new ArrayList<>();
        todo.forEach((conversation, prior) -> futures.add(pool.submit(() -> replay(conversation, prior, ended, todo.size()))));
        boolean interrupted = false;
        boolean interruptedAgain = false;
        try {
            for (Future<SuiteProgress> f : futures) {
                f.get();
            }
            pool.shutdown();
        } catch (InterruptedException e) {
            interrupted = true;
            pool.shutdownNow();
            interruptedAgain = !awaitStop(pool);
        } catch (ExecutionException e) {
            pool.shutdownNow();
            throw new IllegalStateException("a conversation's thread failed", e.getCause());
        }
        int replayed = 0;
        int notStarted = 0;
        for (Future<SuiteProgress> f : futures) {
            SuiteProgress p = f.isDone() && !f.isCancelled() ? finished(f) : null;
            if (p == null) {
                notStarted++;
            } else if (p.failure().isPresent()) {
                errors.add(p.name() + ": " + p.error());
            } else {
                replayed++;
            }
        }
        SuiteSummary summary = SuiteSummary.of(workspace, plan, interrupted || notStarted > 0);
        summary.write(workspace);
        if (interruptedAgain) {
            // set only now: file channels refuse to work for an interrupted thread, and the summary had to be written
            Thread.currentThread().interrupt();
        }
        return new SuiteResult(plan, summary, interrupted, replayed, alreadyFinished, notStarted, errors,
                StateFiles.display(workspace, plan.dir(workspace)) + "/",
                StateFiles.display(workspace, SuiteSummary.markdownPath(workspace, plan.runName())));
    }

    /** One conversation, from where its earlier run stopped; null when Ctrl+C came before it began. */
    private SuiteProgress replay(ExperimentPlan conversation, PriorSteps prior, AtomicInteger ended, int of) {
        if (Thread.currentThread().isInterrupted()) {
            return null;
        }
        String name = SuitePlan.memberName(conversation);
        int resumedAt = prior.prior().size() + 1;
        SuiteProgress progress;
        try (ExperimentFiles files = prior.fresh() ? ExperimentFiles.create(workspace, conversation.runName())
                : ExperimentFiles.reopen(workspace, conversation.runName(), prior.keepBytes())) {
            ExperimentResult result = new ExperimentRunner(conversation, client, files, new MemberListener(view, name), sleeper, tracer,
                    plan.runName())
                    .run(prior.prior());
            progress = new SuiteProgress(name, ended.incrementAndGet(), of, result, resumedAt, null);
        } catch (VaaException e) {
            progress = new SuiteProgress(name, ended.incrementAndGet(), of, null, resumedAt, e.getMessage());
        }
        view.conversationFinished(progress);
        return progress;
    }

    private static SuiteProgress finished(Future<SuiteProgress> f) {
        try {
            return f.get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("a finished conversation's result could not be read", e);
        }
    }

    /** Waits for the conversations in flight to close their logs; false when a second Ctrl+C cut the wait short. */
    private static boolean awaitStop(ExecutorService pool) {
        try {
            pool.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** A conversation's loop reporting to the suite's console: warnings and failed steps, named; not every step. */
    private record MemberListener(AssistListener suite, String name) implements StepListener {
        @Override
        public void warn(String message) {
            suite.warn(name + ": " + message);
        }

        @Override
        public void stepStarted(StepContext step) {
            // with several conversations at once the console follows conversations, not steps
        }

        @Override
        public void stepFinished(StepRecord record) {
            if (record.status() == StepRecord.Status.FAILED) {
                suite.error(name + " step " + record.step() + "/" + record.total() + ": " + record.error());
            }
        }
    }
}
