package vaa.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import vaa.agree.Agreement;

/**
 * Everything one report shows, read once from the run's files; the renderers take only this.
 *
 * @param metrics         reports/metrics.json as read (renderers tolerate missing parts)
 * @param insights        reports/insights.json, or null when absent or unreadable
 * @param insightsProblem why insights.json could not be used, or null
 * @param calls           the appendix rows, in call id order, at most {@code appendixCap}
 * @param totalCalls      how many calls the analyses directory holds (analysed or failed)
 * @param warnings        problems the reader should know about (stale metrics, unreadable files)
 * @param agreement       the judge against the run's labels, or null when the run has none
 */
public record ReportData(ReportHeader header, boolean legacy, String generatedAt, String toolVersion, JsonNode metrics,
                         JsonNode insights, String insightsProblem, List<ReportCall> calls, int totalCalls,
                         int appendixCap, List<String> warnings, Agreement agreement) {

    /** True when analyses exist but none has a judgement: the no-model path. */
    public boolean structuralOnly() {
        JsonNode c = metrics.path("calls");
        return c.path("with_judgement").asInt(0) == 0 && c.path("analyses").asInt(0) > 0;
    }

    public int judged() {
        return metrics.path("calls").path("with_judgement").asInt(0);
    }
}
