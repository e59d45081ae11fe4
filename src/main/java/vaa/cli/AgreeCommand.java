package vaa.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vaa.agree.Agreement;
import vaa.agree.AgreementCalculator;
import vaa.io.Json;
import vaa.run.Run;
import vaa.run.RunResolver;
import vaa.ui.AgreementView;

/** {@code vaa agree}: how far to trust the judge, measured against labels. Reads only; the run may be sealed. */
@Command(name = "agree", description = {"Compare a run's judgements with human or system labels: per judged field (outcome,"
        + " task_completed, escalation_requested, sentiment_start, sentiment_end, friction, agent_error) n, accuracy, Cohen's kappa"
        + " with a 95%% interval, the confusion matrix and the calls where judge and label disagree; with several reviewers,"
        + " each reviewer and their agreement with each other.",
        "Labels: --labels FILE and/or --label-field FIELD=PATH; else the labels section of vaa.json; else"
                + " metadata.ground_truth in the transcripts (the bundled demo data has it)."})
final class AgreeCommand extends BaseCommand {
    @Mixin
    RunOptions runOptions;

    @Mixin
    LabelOptions labelOptions;

    @Option(names = "--limit", paramLabel = "K", defaultValue = "10", description = "Disagreeing calls to list per field (default: ${DEFAULT-VALUE}; --json lists all).")
    int limit;

    @Option(names = "--json", description = "Print {run_id, labels, method, fields: {FIELD: {n, accuracy, kappa, kappa_interval, confusion, ...}}}.")
    boolean json;

    @Override
    public Integer call() {
        Run run = context().resolver(style(), messages(json)).resolve(runOptions.selection(), RunResolver.Mode.READ).run();
        Agreement a = AgreementCalculator.compute(run, labelOptions.sources(context().workspace()));
        out().print(json ? Json.pretty(a) : new AgreementView(style(), Math.max(0, limit)).render(a));
        out().flush();
        return 0;
    }
}
