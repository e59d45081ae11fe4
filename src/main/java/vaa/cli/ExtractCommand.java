package vaa.cli;

import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vaa.extract.ExtractStage;
import vaa.extract.NlFields;
import vaa.io.Json;
import vaa.run.Run;
import vaa.run.RunLock;
import vaa.ui.Style;

/** {@code vaa extract}: stage 4, the calls' natural-language fields into reports/nl_fields.json. */
@Command(name = "extract", description = "Collect each judged call's summary, failure reason, friction quotes and suggestions,"
        + " condensed for the insights step (stage 4).")
final class ExtractCommand extends BaseCommand {
    @Mixin
    RunOptions runOptions;

    @Option(names = "--json", description = "Print nl_fields.json to stdout.")
    boolean json;

    @Override
    public Integer call() {
        Optional<Run> target = runToCompute(runOptions, json, true, NlFields::file);
        if (target.isEmpty()) {
            return 0;
        }
        Run run = target.get();
        NlFields fields;
        try (RunLock lock = run.lock()) {
            fields = ExtractStage.run(run);
        }
        if (json) {
            out().print(Json.pretty(fields));
            return 0;
        }
        Style s = style();
        NlFields.Counts c = fields.counts();
        out().println(s.bold("Notes for run " + run.id()) + ": " + c.withJudgement() + " calls with a judgement"
                + " (" + c.structuralOnly() + " structural only skipped, " + c.failed() + " failed"
                + (c.unreadable() > 0 ? ", " + c.unreadable() + " unreadable" : "") + ")");
        if (fields.condensing().trimmedFields() > 0) {
            out().println("  " + fields.condensing().trimmedFields() + " long texts shortened; the full texts stay in analyses/");
        }
        if (c.withJudgement() == 0) {
            err().println(s.yellow("[warn] ") + "No call has a model judgement, so there are no notes; insights will be computed from the metrics only.");
        }
        out().println("Written: " + context().runStore().displayPath(NlFields.file(run)));
        out().println(s.dim("Next: vaa insights " + run.selector()));
        return 0;
    }
}
