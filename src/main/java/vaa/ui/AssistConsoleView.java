package vaa.ui;

import java.io.PrintWriter;
import vaa.assist.AssistListener;
import vaa.assist.AssistResponse;
import vaa.assist.ExperimentPlan;
import vaa.assist.ExperimentResult;
import vaa.assist.LogFormat;
import vaa.assist.StepContext;
import vaa.assist.StepRecord;
import vaa.assist.SuitePlan;
import vaa.assist.SuiteProgress;
import vaa.assist.SuiteResult;
import vaa.assist.SuiteSummary;

/**
 * Seed 002's console: [info]/[ok]/[warn]/[error] lines, magenta headers, one coloured line pair per step;
 * for a suite, one line per conversation (from several threads, so lines are printed whole).
 */
public final class AssistConsoleView implements AssistListener {
    private final PrintWriter out;
    private final Style style;

    public AssistConsoleView(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    @Override
    public void header(String title) {
        String rule = "=".repeat(50);
        print("\n" + style.header(rule + "\n  " + title + "\n" + rule) + "\n");
    }

    @Override
    public void info(String message) {
        print(style.cyan("[info]") + " " + message);
    }

    @Override
    public void ok(String message) {
        print(style.green("[ok]") + " " + message);
    }

    @Override
    public void warn(String message) {
        print(style.yellow("[warn]") + " " + message);
    }

    @Override
    public void error(String message) {
        print(style.red("[error]") + " " + message);
    }

    @Override
    public void summary(ExperimentPlan plan) {
        header("Experiment Summary");
        print("  Prompt:       " + style.cyan(plan.prompt().name()) + " (v" + plan.prompt().version() + ")");
        print("  Model:        " + style.cyan(plan.modelDescription()));
        print("  Conversation: " + style.cyan(plan.state().conversation()) + " (" + plan.turns().size() + " utterances)");
        print("  State source: " + style.cyan(plan.state().path().getFileName().toString())
                + " (" + plan.state().steps().size() + " steps)");
        print("  Run name:     " + style.cyan(plan.runName()));
        if (plan.dryRun()) {
            print("  Mode:         " + style.yellow("dry run") + " (no model calls; the log gets each compiled prompt)");
        }
        print("");
    }

    @Override
    public void stepStarted(StepContext s) {
        info("Step " + s.step() + "/" + s.total() + " \u00b7 Utterance " + s.previousUtterance() + "\u2192" + s.utterance()
                + " \u00b7 Phase: " + s.phase());
    }

    @Override
    public void stepFinished(StepRecord r) {
        switch (r.status()) {
            case FAILED -> error("  " + r.error());
            case DRY_RUN -> print("  " + style.dim("dry run \u00b7 " + r.messages().size() + " messages, "
                    + r.messages().stream().mapToInt(m -> m.content().length()).sum() + " characters"));
            case OK -> {
                AssistResponse a = r.response();
                if (a.shown()) {
                    print("  " + style.green("show|" + a.tag()) + " \u00b7 " + style.dim(LogFormat.preview(a.body())));
                } else {
                    print("  " + style.dim("skip"));
                }
                print("  " + style.dim("TTFT: " + r.call().ttftMs() + "ms | E2E: " + r.call().e2eMs() + "ms"));
            }
        }
    }

    @Override
    public void finished(ExperimentResult result, String log, String records) {
        header(result.interrupted().map(n -> "Experiment Interrupted at Step " + n).orElse("Experiment Complete"));
        print("  Steps:     " + style.cyan(String.valueOf(result.denominator()))
                + (result.interrupted().isPresent() ? " of " + result.total() : ""));
        if (result.dryRun()) {
            print("  Compiled:  " + style.cyan(String.valueOf(result.compiled())) + " (dry run: no model calls)");
        } else {
            print("  Shown:     " + style.green(String.valueOf(result.shown())) + " (" + result.percent(result.shown()) + "%)");
            print("  Skipped:   " + style.dim(String.valueOf(result.skipped())) + " (" + result.percent(result.skipped()) + "%)");
        }
        print("  Failed:    " + style.red(String.valueOf(result.failed())));
        if (result.completed() > 0) {
            print("  Avg TTFT:  " + style.cyan(LogFormat.ms(result.avgTtftMs()) + "ms"));
            print("  Avg E2E:   " + style.cyan(LogFormat.ms(result.avgE2eMs()) + "ms"));
        }
        if (!result.tags().isEmpty()) {
            print("  Tags:      " + style.cyan(result.tagText()));
        }
        print("");
        print("  Results:   " + style.cyan(log));
        print("  Records:   " + style.cyan(records));
    }

    @Override
    public void summary(SuitePlan plan) {
        header(plan.resumed() ? "Suite Summary (resumed)" : "Suite Summary");
        print("  Prompt:        " + style.cyan(plan.prompt().name()) + " (v" + plan.prompt().version() + ")");
        print("  Model:         " + style.cyan(plan.modelDescription()));
        print("  Conversations: " + style.cyan(String.valueOf(plan.conversations().size())) + " (" + plan.steps() + " steps)"
                + (plan.skipped().isEmpty() ? "" : ", " + style.yellow(plan.skipped().size() + " state file(s) skipped")));
        print("  Workers:       " + style.cyan(String.valueOf(plan.workers())) + " conversations at once");
        print("  Suite name:    " + style.cyan(plan.runName()));
        if (plan.dryRun()) {
            print("  Mode:          " + style.yellow("dry run") + " (no model calls; the logs get each compiled prompt)");
        }
        print("");
    }

    @Override
    public void conversationFinished(SuiteProgress p) {
        String count = "[" + p.position() + "/" + p.of() + "] ";
        if (p.failure().isPresent()) {
            error(count + p.name() + ": " + p.error());
            return;
        }
        ExperimentResult r = p.result();
        String resumed = p.resumedAt() > 1 ? style.dim(" (resumed at step " + p.resumedAt() + ")") : "";
        String totals = r.dryRun() ? r.compiled() + " compiled"
                : "shown " + r.shown() + " (" + r.percent(r.shown()) + "%), skipped " + r.skipped()
                + (r.failed() > 0 ? ", " + style.red("failed " + r.failed()) : "");
        if (r.interrupted().isPresent()) {
            warn(count + p.name() + ": interrupted at step " + r.interruptedAt() + " of " + r.total() + resumed);
        } else {
            ok(count + p.name() + " \u00b7 " + r.total() + " steps \u00b7 " + totals + resumed);
        }
    }

    @Override
    public void suiteFinished(SuiteResult result) {
        SuiteSummary.Totals o = result.summary().overall();
        header(result.interrupted() ? "Suite Interrupted" : "Suite Complete");
        print("  Conversations: " + style.cyan(o.finished() + " of " + o.conversations()) + " finished"
                + (result.alreadyFinished() > 0 ? " (" + result.alreadyFinished() + " before this run)" : "")
                + (result.notStarted() > 0 ? ", " + result.notStarted() + " not started" : ""));
        print("  Steps:         " + style.cyan(o.run() + " of " + o.steps()));
        if (result.plan().dryRun()) {
            print("  Mode:          dry run (no model calls)");
        } else {
            print("  Shown:         " + style.green(String.valueOf(o.shown())) + share(o.shown(), o.answered()));
            print("  Skipped:       " + style.dim(String.valueOf(o.skipped())) + share(o.skipped(), o.answered()));
        }
        print("  Failed:        " + (o.failed() > 0 ? style.red(String.valueOf(o.failed())) : "0"));
        if (o.ttftMs().p50() != null) {
            print("  TTFT p50/p95:  " + style.cyan(LogFormat.ms(o.ttftMs().p50()) + " / " + LogFormat.ms(o.ttftMs().p95()) + "ms"));
            print("  E2E p50/p95:   " + style.cyan(LogFormat.ms(o.e2eMs().p50()) + " / " + LogFormat.ms(o.e2eMs().p95()) + "ms"));
        }
        if (!o.tags().isEmpty()) {
            print("  Tags:          " + style.cyan(String.join(", ", o.tags().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList())));
        }
        result.errors().forEach(e -> print("  " + style.red("Not replayed: ") + e));
        print("");
        print("  Results:       " + style.cyan(result.dir()));
        print("  Summary:       " + style.cyan(result.summaryMarkdown()));
        if (!result.summary().status().equals(SuiteSummary.COMPLETE)) {
            // said here as well as in the exit message: after Ctrl+C the process may end before that is printed
            print("  Continue with: " + style.cyan("vaa assist --resume " + result.plan().runName()));
        }
    }

    private static String share(int part, int answered) {
        return answered == 0 ? "" : " (" + (100 * part / answered) + "% of answered)";
    }

    private synchronized void print(String line) {
        out.println(line);
        out.flush();
    }
}
