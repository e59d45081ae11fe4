package vaa.assist;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps what the setup and the loop reported, one line per call, for assertions. */
final class RecordingListener implements AssistListener {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void header(String title) {
        events.add("header " + title);
    }

    @Override
    public void info(String message) {
        events.add("info " + message);
    }

    @Override
    public void ok(String message) {
        events.add("ok " + message);
    }

    @Override
    public void warn(String message) {
        events.add("warn " + message);
    }

    @Override
    public void error(String message) {
        events.add("error " + message);
    }

    @Override
    public void summary(ExperimentPlan plan) {
        events.add("summary " + plan.runName());
    }

    @Override
    public void stepStarted(StepContext step) {
        events.add("step " + step.step() + "/" + step.total());
    }

    @Override
    public void stepFinished(StepRecord record) {
        events.add("done " + record.step() + " " + record.status()
                + (record.response() == null ? "" : " " + record.response().decisionLine()));
    }

    @Override
    public void finished(ExperimentResult result, String log, String records) {
        events.add("finished " + log);
    }

    @Override
    public void summary(SuitePlan plan) {
        events.add("suite summary " + plan.runName() + " " + plan.conversations().size());
    }

    @Override
    public void conversationFinished(SuiteProgress progress) {
        events.add("conversation " + progress.name() + (progress.failure().isPresent() ? " failed " + progress.error()
                : progress.result().interrupted().isPresent() ? " interrupted" : " finished from step " + progress.resumedAt()));
    }

    @Override
    public void suiteFinished(SuiteResult result) {
        events.add("suite finished " + result.summary().status());
    }
}
