package vaa.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A RunPrompter that answers from a script and records which screens were shown. */
public final class ScriptedRunPrompter implements RunPrompter {
    public final List<String> shown = new ArrayList<>();
    private final ContinueChoice onContinue;
    private final Selection onSelect;

    public ScriptedRunPrompter(ContinueChoice onContinue, Selection onSelect) {
        this.onContinue = onContinue;
        this.onSelect = onSelect;
    }

    @Override
    public ContinueChoice confirmContinue(RunSummary run, String pointerFile) {
        shown.add("continue:" + run.id() + " from " + pointerFile);
        return onContinue;
    }

    @Override
    public Selection select(List<RunSummary> runs, Predicate<String> validId) {
        shown.add("select:" + runs.size());
        return onSelect;
    }
}
