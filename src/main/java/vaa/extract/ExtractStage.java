package vaa.extract;

import vaa.run.Run;
import vaa.run.Stage;
import vaa.run.StageRunner;

/** Stage 4 with its bookkeeping (status {@code nl_extraction}): writes reports/nl_fields.json. */
public final class ExtractStage {
    private ExtractStage() {}

    public static NlFields run(Run run) {
        NlFields[] holder = new NlFields[1];
        StageRunner.run(run, Stage.NL_EXTRACTION, () -> {
            NlFields fields = NlFieldsExtractor.extract(run);
            run.writeJson(NlFields.file(run), fields);
            holder[0] = fields;
            return new StageRunner.Done(fields.counts().withJudgement(), NlFieldsExtractor.countsDetail(fields));
        });
        return holder[0];
    }
}
