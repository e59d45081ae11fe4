package vaa.ui;

import java.io.PrintWriter;
import vaa.assist.AssistListener;
import vaa.assist.AssistResponse;
import vaa.assist.ExperimentPlan;
import vaa.assist.ExperimentResult;
import vaa.assist.LogFormat;
import vaa.assist.StepContext;
import vaa.assist.StepRecord;

/** Seed 002's console: [info]/[ok]/[warn]/[error] lines, magenta headers, one coloured line pair per step. */
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

    private void print(String line) {
        out.println(line);
        out.flush();
    }
}
