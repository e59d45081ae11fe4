package vaa.ui;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaa.batch.BatchLedger;
import vaa.io.Json;
import vaa.llm.Prices;
import vaa.run.Run;
import vaa.run.RunCost;
import vaa.run.RunOverview;
import vaa.run.RunStatus;
import vaa.run.RunSummary;
import vaa.run.StageStatus;

/** {@code vaa runs show}: a run's header, config and stage table, or the same as one JSON document. */
public final class RunShowView {
    private final PrintWriter out;
    private final Style s;

    public RunShowView(PrintWriter out, Style style) {
        this.out = out;
        this.s = style;
    }

    /** {@code {summary, config, status, runs_total, latest}}. */
    public void printJson(RunOverview o) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("summary", o.summary());
        doc.put("config", o.run().config());
        doc.put("status", o.run().observedStatus());
        doc.put("runs_total", o.runsTotal());
        doc.put("latest", o.latest().orElse(null));
        List<BatchLedger.Entry> batches = BatchLedger.read(o.run().dir());
        if (!batches.isEmpty()) {
            doc.put("batches", batches.stream().map(RunShowView::batchJson).toList());
        }
        if (!o.run().isLegacy()) {
            RunCost cost = RunCost.of(o.run().observedStatus());
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("total_usd", cost.total());
            c.put("by_stage_usd", cost.byStage());
            doc.put("cost", c);
        }
        out.print(Json.pretty(doc));
    }

    /** Line by line, so a config or status that cannot be read still leaves the lines before it on screen. */
    public void print(RunOverview o) {
        Run run = o.run();
        RunSummary summary = o.summary();
        out.println(s.bold("Run " + run.id()) + (summary.latest() ? s.dim("  (latest)") : "") + "   " + summary.path());
        out.println("  Created:   " + summary.createdAt().replace('T', ' '));
        out.println("  Status:    " + colour(summary.overallStatus()) + (run.isSealed() ? s.dim("  (sealed)") : ""));
        out.println("  Contents:  " + summary.contents());
        RunCost cost = run.isLegacy() ? null : RunCost.of(run.observedStatus());
        if (cost != null && !cost.isEmpty()) {
            out.println("  Cost:      " + cost.describe() + (cost.total() == null ? s.dim("  (a model without a price in the catalog)") : ""));
        }
        if (run.config().parentRun() != null) {
            out.println("  Sample of: run " + run.config().parentRun() + s.dim("  (vaa run --from)"));
        }
        out.println();
        out.println(s.bold("Config"));
        out.print(indent(Json.pretty(run.config())));
        if (!run.isLegacy()) {
            RunStatus status = run.observedStatus();
            out.println(s.bold("Stages") + s.dim("  (updated " + status.updatedAt().replace('T', ' ') + ")"));
            status.stages().forEach((name, st) -> out.printf("  %-14s %-12s %s%n", name, colour(st.status()), stageDetail(st)));
            printBatches(BatchLedger.read(run.dir()));
        }
        out.println();
        out.println(s.dim(o.runsTotal() + " run" + (o.runsTotal() == 1 ? "" : "s") + " in this workspace; latest: "
                + o.latest().orElse("(none)")));
    }

    /** Each batch of the run's Batch API calls: the provider's id, where it stands, its counts. */
    private void printBatches(List<BatchLedger.Entry> batches) {
        if (batches.isEmpty()) {
            return;
        }
        out.println(s.bold("Batches") + s.dim("  (batches.json)"));
        for (BatchLedger.Entry e : batches) {
            String state = e.providerStatus() == null ? e.state() : e.state() + " (" + e.providerStatus() + ")";
            out.printf("  %-28s %-24s %d calls: %d answered, %d failed%s%n", e.batchId() == null ? "(not yet submitted)" : e.batchId(),
                    e.open() ? s.yellow(state) : state, e.calls().size(), e.completed(), e.failed(),
                    e.submittedAt() == null ? "" : s.dim(", submitted " + e.submittedAt().replace('T', ' ')));
        }
    }

    private static Map<String, Object> batchJson(BatchLedger.Entry e) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("id", e.id());
        b.put("batch_id", e.batchId());
        b.put("state", e.state());
        b.put("provider_status", e.providerStatus());
        b.put("model", e.model());
        b.put("calls", e.calls().size());
        b.put("completed", e.completed());
        b.put("failed", e.failed());
        b.put("submitted_at", e.submittedAt());
        b.put("ended_at", e.endedAt());
        return b;
    }

    private static String stageDetail(StageStatus st) {
        StringBuilder b = new StringBuilder();
        if (st.count() != null) {
            b.append("count ").append(st.count());
        }
        if (st.finishedAt() != null) {
            b.append(b.length() > 0 ? ", " : "").append("finished ").append(st.finishedAt().replace('T', ' '));
        }
        if (st.detail() != null && st.detail().get("outdated_by") != null) {
            b.append(b.length() > 0 ? ", " : "").append("to be made again: ").append(st.detail().get("outdated_by")).append(" changed");
        }
        if (st.detail() != null && st.detail().get(StageStatus.STILL_FAILED) instanceof Number n && n.intValue() > 0) {
            b.append(b.length() > 0 ? ", " : "").append(n).append(" failed (--retry-failed)");
        }
        if (RunCost.recorded(st)) {
            b.append(b.length() > 0 ? ", " : "").append("cost ").append(Prices.format(RunCost.usd(st)));
        }
        if (st.error() != null) {
            b.append(b.length() > 0 ? ", " : "").append(st.error());
        }
        return b.toString();
    }

    private String colour(String status) {
        return switch (status == null ? "" : status) {
            case "completed" -> s.green(status);
            case "failed", "interrupted" -> s.red(status);
            case "running", "in_progress", "partial" -> s.yellow(status);
            default -> status;
        };
    }

    private static String indent(String text) {
        return "  " + text.strip().replace("\n", "\n  ") + "\n";
    }
}
