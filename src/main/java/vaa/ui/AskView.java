package vaa.ui;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import vaa.ask.AskContext;
import vaa.ask.AskEngine;
import vaa.ask.AskListener;
import vaa.ask.AskRecord;
import vaa.ask.AskResult;
import vaa.ask.CallCard;
import vaa.ask.CitationCheck;

/**
 * How {@code vaa ask} looks on a terminal: the answer as it streams, then the cited calls, any
 * flagged citation and the run id; without a model, the matching calls with their best quotes and
 * how to configure a model. Shared by the one-shot command and the interactive session.
 */
public final class AskView implements AskListener {
    private final PrintWriter out;
    private final Style style;
    private final Function<Path, String> display;
    private boolean midLine;

    public AskView(PrintWriter out, Style style, Function<Path, String> display) {
        this.out = out;
        this.style = style;
        this.display = display;
    }

    @Override
    public void modelStarting(AskContext context) {
        out.println(style.dim("(" + plural(context.calls().size(), "call") + " in context; waiting for the model...)"));
        out.flush();
    }

    @Override
    public void delta(String text) {
        out.print(text);
        out.flush();
        if (!text.isEmpty()) {
            midLine = !text.endsWith("\n");
        }
    }

    public void answered(AskResult result) {
        endLine();
        AskRecord r = result.record();
        if (r.answered()) {
            footer(result);
        } else {
            matches(result);
        }
        out.flush();
    }

    public void opened(AskEngine engine) {
        var st = engine.status();
        out.println(style.bold("Asking run " + engine.run().id()) + ": " + plural(st.documents(), "analysed call") + " indexed"
                + (st.rebuilt() ? " (index built in " + seconds(st.buildMs()) + ")" : "")
                + (st.unreadable() > 0 ? style.yellow(", " + st.unreadable() + " unreadable analyses skipped") : "") + ".");
        if (engine.model().isPresent()) {
            out.println("Model: " + engine.model().get().key() + " (" + engine.model().get().model() + ")"
                    + engine.prompt().map(p -> " · prompt " + p.name() + " v" + p.version()).orElse(""));
        } else {
            out.println(style.yellow("No model: ") + "answers list the matching calls only — " + engine.whyNoModel() + ".");
        }
        out.println(style.dim("Type a question. /help for commands, /quit or Ctrl+D to leave."));
        out.flush();
    }

    public void help() {
        out.println("Type a question about the current run and press Enter. Each question is answered on its own,");
        out.println("from the calls that match it best and the run's metrics; the answer cites calls as [call_id].");
        out.println("  " + style.cyan("/run ID") + "   switch to another run (an id under runs/, or a path)");
        out.println("  " + style.cyan("/run") + "      list the runs");
        out.println("  " + style.cyan("/help") + "     this help");
        out.println("  " + style.cyan("/quit") + "     leave (also Ctrl+D); Ctrl+C stops an answer in progress");
        out.println("History (Up/Down, Ctrl+R) is kept in .vaa_ask_history in the workspace.");
        out.flush();
    }

    public void runs(List<String> ids, String current) {
        out.println(ids.isEmpty() ? "No runs under runs/." : "Runs (newest first):");
        ids.forEach(id -> out.println((id.equals(current) ? style.green("* ") : "  ") + id));
        out.flush();
    }

    public void cancelled() {
        endLine();
        out.println(style.yellow("(answer cancelled)"));
        out.flush();
    }

    public void error(String message) {
        endLine();
        out.println(style.red("ERROR: ") + message);
        out.flush();
    }

    private void footer(AskResult result) {
        AskRecord r = result.record();
        CitationCheck check = result.citations();
        out.println();
        out.println(style.bold("Cited calls") + " (" + check.cited().size() + "): "
                + (check.cited().isEmpty() ? style.yellow("none — the answer cites no call") : String.join(", ", check.cited())));
        for (CitationCheck.Flag f : check.flagged()) {
            out.println(style.yellow("  ⚠ [" + f.id() + "] was not in the context: " + f.reason()));
        }
        out.println(style.bold("Run: " + r.runId()) + style.dim(" · " + r.contextIds().size() + " of " + r.retrievedIds().size()
                + " retrieved calls in context · " + r.model().get("key") + (Boolean.TRUE.equals(r.cached()) ? " (cached answer)" : "")
                + " · " + seconds(r.timingsMs().total())));
        out.println(style.dim("Saved: " + saved(result)));
    }

    private void matches(AskResult result) {
        AskRecord r = result.record();
        List<AskContext.Call> calls = result.context().calls();
        out.println(style.bold("Calls of run " + r.runId() + " matching the question")
                + String.format(Locale.ROOT, " (%d of %,d):", calls.size(), r.retrieval().index().documents()));
        if (calls.isEmpty()) {
            out.println("  none: no call contains the question's words. Try other words (an outcome, a friction category, what customers say).");
        }
        int i = 1;
        for (AskContext.Call c : calls) {
            CallCard card = c.card();
            out.println();
            out.println(String.format(Locale.ROOT, "%2d. ", i++) + style.cyan(card.callId()) + "  " + headline(card)
                    + style.dim(String.format(Locale.ROOT, "  (score %.2f)", c.score())));
            if (card.summary() != null) {
                out.println("    " + card.summary());
            }
            card.friction().stream().filter(f -> f.quote() != null).limit(2).forEach(f -> out.println("    " + style.dim("friction ")
                    + (f.category() == null ? "" : f.category().replace('_', ' ') + ": ") + "\"" + f.quote() + "\""
                    + (f.verified() ? "" : style.yellow(" (not found in the transcript)"))));
            c.lines().forEach(l -> out.println("    " + style.dim("line " + l.index() + ", " + l.role() + ": ") + "\"" + l.text() + "\""));
        }
        out.println();
        out.println(style.yellow(r.modelSkippedReason() + "."));
        out.println(style.bold("Run: " + r.runId()) + style.dim(" · saved " + saved(result)));
    }

    private static String headline(CallCard c) {
        if (!c.judged()) {
            return "(structural analysis only)";
        }
        return (c.outcome() == null ? "no outcome" : c.outcome().replace('_', ' ')) + (c.intent() == null ? "" : " · " + c.intent());
    }

    private String saved(AskResult result) {
        return display.apply(result.md()) + " (+ .json)";
    }

    private void endLine() {
        if (midLine) {
            out.println();
            midLine = false;
        }
    }

    private static String plural(int n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
