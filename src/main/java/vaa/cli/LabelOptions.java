package vaa.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import vaa.agree.LabelSources;

/** Where labels come from, for the commands that compare judgements with them (mixed in). */
public final class LabelOptions {
    @Option(names = "--labels", paramLabel = "FILE", description = "Labels to compare the judge with: CSV (call_id,field,value[,reviewer])"
            + " or JSON Lines ({\"call_id\", \"field\", \"value\", \"reviewer\"?}). Default: labels.file in vaa.json.")
    Path file;

    @Option(names = "--label-field", paramLabel = "FIELD=PATH", description = "Read a field's label from the transcripts' metadata,"
            + " e.g. task_completed=metadata.order_finished (repeatable). Default: labels.fields in vaa.json, else every"
            + " metadata.ground_truth.<field>.")
    List<String> fields = new ArrayList<>();

    LabelSources sources(Path workspace) {
        return LabelSources.of(workspace, file, fields);
    }
}
