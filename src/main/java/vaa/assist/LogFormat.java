package vaa.assist;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import vaa.llm.ChatMessage;

/** The text of seed 002's experiment log: header, one block per step, SUMMARY footer. */
public final class LogFormat {
    static final String RULE = "=".repeat(80);
    static final String THIN_RULE = "\u2500".repeat(80);
    private static final int PREVIEW = 80;
    /** The titles around a step's transcript window, which a comparison reads back from the log. */
    static final String TRANSCRIPT_SECTION = section("Transcript (last " + TranscriptWindow.SIZE + " utterances)");
    static final String STATE_SECTION = section("State (from prev step)");

    private LogFormat() {}

    public static String header(ExperimentPlan plan) {
        return RULE + "\n"
                + "  ASSIST EXPERIMENT LOG\n"
                + RULE + "\n"
                + "  Prompt:       " + plan.prompt().name() + " (v" + plan.prompt().version() + ")\n"
                + "  Model:        " + plan.modelDescription() + "\n"
                + "  Conversation: " + plan.state().conversation() + "\n"
                + "  State source: " + plan.state().path().getFileName() + "\n"
                + "  Steps:        " + plan.state().steps().size() + "\n"
                + "  Run:          " + plan.runName() + "\n"
                + (plan.dryRun() ? "  Mode:         dry run (no model calls; each step shows the compiled prompt)\n" : "")
                + RULE + "\n";
    }

    public static String step(StepRecord r) {
        StringBuilder out = new StringBuilder();
        String tail = switch (r.status()) {
            case OK -> r.call().ttftMs() + "ms TTFT \u00b7 " + r.call().e2eMs() + "ms E2E";
            case FAILED -> "FAILED";
            case DRY_RUN -> "dry run";
        };
        out.append('\n').append(THIN_RULE).append('\n')
                .append("[Step ").append(r.step()).append('/').append(r.total())
                .append(" \u00b7 Utterance ").append(r.previousUtterance()).append('\u2192').append(r.utterance())
                .append(" \u00b7 Phase: ").append(r.phase()).append(" \u00b7 ").append(tail).append("]\n\n")
                .append(TRANSCRIPT_SECTION).append(r.transcript()).append("\n\n")
                .append(STATE_SECTION).append(r.stateSummary()).append("\n\n");
        switch (r.status()) {
            case OK -> {
                out.append(section("Decision")).append(r.response().decisionLine()).append('\n');
                if (r.response().shown() && !r.response().body().isEmpty()) {
                    out.append('\n').append(section("Output")).append(r.response().body()).append('\n');
                }
                String list = suggestions(r.suggestions());
                out.append('\n')
                        .append(section("Previous Suggestions (" + r.suggestions().size() + " total)"))
                        .append(list).append('\n');
            }
            case FAILED -> out.append(section("Error")).append(r.error()).append('\n');
            case DRY_RUN -> out.append(section("Compiled Prompt (" + r.messages().size() + " messages)"))
                    .append(messages(r.messages())).append('\n');
        }
        return out.append(THIN_RULE).append('\n').toString();
    }

    public static String footer(ExperimentResult result) {
        String title = "  SUMMARY"
                + result.interrupted().map(n -> " (interrupted at step " + n + " of " + result.total() + ")").orElse("")
                + (result.dryRun() ? " (dry run: no model calls)" : "");
        StringBuilder out = new StringBuilder()
                .append('\n').append(RULE).append('\n').append(title).append('\n').append(RULE).append('\n')
                .append("  Steps:        ").append(result.denominator()).append('\n');
        if (result.dryRun()) {
            out.append("  Compiled:     ").append(result.compiled()).append('\n');
        } else {
            out.append("  Shown:        ").append(result.shown()).append(" (").append(result.percent(result.shown())).append("%)\n")
                    .append("  Skipped:      ").append(result.skipped()).append(" (").append(result.percent(result.skipped())).append("%)\n");
        }
        if (result.failed() > 0) {
            out.append("  Failed:       ").append(result.failed()).append('\n');
        }
        if (!result.dryRun()) {
            out.append("  Avg TTFT:     ").append(ms(result.avgTtftMs())).append("ms\n")
                    .append("  Avg E2E:      ").append(ms(result.avgE2eMs())).append("ms\n")
                    .append("  Tags:         ").append(result.tags().isEmpty() ? "(none)" : result.tagText()).append('\n');
        }
        return out.append(RULE).append('\n').toString();
    }

    /** The running list: {@code 1. [tag] first 80 characters...}, or {@code (none)}. */
    static String suggestions(List<Suggestion> suggestions) {
        if (suggestions.isEmpty()) {
            return PromptVariables.NONE;
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < suggestions.size(); i++) {
            Suggestion s = suggestions.get(i);
            lines.add((i + 1) + ". [" + s.tag() + "] " + preview(s.body()));
        }
        return String.join("\n", lines);
    }

    /** The first 80 characters on one line, "..." when there was more. */
    public static String preview(String body) {
        String head = Py.head(body.replace("\n", " "), PREVIEW);
        return Py.len(body) > PREVIEW ? head + "..." : head;
    }

    /** Python's {@code f"{x:.0f}"}: the exact binary value rounded half to even. */
    public static String ms(double value) {
        return new BigDecimal(value).setScale(0, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String section(String title) {
        return "\u2500\u2500 " + title + " \u2500\u2500\n";
    }

    private static String messages(List<ChatMessage> messages) {
        List<String> parts = new ArrayList<>();
        for (ChatMessage m : messages) {
            parts.add("[" + m.role() + "]\n" + m.content());
        }
        return String.join("\n\n", parts);
    }
}
