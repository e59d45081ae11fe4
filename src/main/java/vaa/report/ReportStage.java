package vaa.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaa.agree.LabelSources;
import vaa.io.MessageSink;
import vaa.run.Run;
import vaa.run.Stage;
import vaa.run.StageRunner;

/**
 * Stage 6 with its bookkeeping: reports/report.md and/or reports/report.html from metrics.json,
 * insights.json (when there is one), config.json and the analyses. Needs metrics; everything else
 * is optional and the report says what is missing.
 */
public final class ReportStage {
    /** Rows of the per-call appendix; beyond this the report points to analyses/ instead of growing. */
    public static final int APPENDIX_CAP = 500;

    /** Which files to write. */
    public enum Format {
        MD, HTML, ALL;

        boolean markdown() {
            return this != HTML;
        }

        boolean html() {
            return this != MD;
        }
    }

    /** What was written: the files (absolute), the calls behind the report, and warnings already passed to messages. */
    public record Result(List<Path> files, int calls, boolean insightsIncluded, List<String> warnings) {}

    private ReportStage() {}

    /**
     * Writes the report. Fails with exit 2 (naming {@code vaa metrics}) when metrics.json is
     * missing, before the stage is marked running: nothing was attempted.
     */
    public static Result run(Run run, Format format, MessageSink messages) {
        return run(run, format, LabelSources.defaults(), messages);
    }

    /** As above, with a section comparing the judge with {@code labels} when the run has any. */
    public static Result run(Run run, Format format, LabelSources labels, MessageSink messages) {
        JsonNode metrics = ReportLoader.readMetrics(run);
        Result[] holder = new Result[1];
        StageRunner.run(run, Stage.REPORT, () -> {
            ReportData data = ReportLoader.load(run, metrics, APPENDIX_CAP, labels);
            data.warnings().forEach(messages::warn);
            List<Path> files = new ArrayList<>();
            if (format.markdown()) {
                Path md = run.reportsDir().resolve("report.md");
                run.writeString(md, ReportMarkdown.render(data));
                files.add(md);
            }
            if (format.html()) {
                Path html = run.reportsDir().resolve("report.html");
                run.writeString(html, ReportHtml.render(data));
                files.add(html);
            }
            holder[0] = new Result(List.copyOf(files), data.totalCalls(), data.insights() != null, data.warnings());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("files", files.stream().map(p -> run.dir().relativize(p).toString()).toList());
            detail.put("appendix_rows", data.calls().size());
            detail.put("insights", data.insights() != null);
            detail.put("structural_only", data.structuralOnly());
            detail.put("agreement", data.agreement() != null);
            if (!data.warnings().isEmpty()) {
                detail.put("warnings", data.warnings());
            }
            return new StageRunner.Done(data.totalCalls(), detail);
        });
        return holder[0];
    }
}
