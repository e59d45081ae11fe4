package vaa.ask;

import java.nio.file.Path;

/**
 * A question's outcome: the saved record and its files, the context the model was shown (for
 * listing the calls when there is no model), and the citation check.
 */
public record AskResult(AskRecord record, AskContext context, CitationCheck citations, Path json, Path md) {
    public boolean answered() {
        return record.answered();
    }
}
