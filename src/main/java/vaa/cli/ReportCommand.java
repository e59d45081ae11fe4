package vaa.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;
import vaa.report.ReportStage;
import vaa.run.Run;
import vaa.run.RunLock;
import vaa.ui.Desktop;

/** {@code vaa report}: stage 6, reports/report.md and a self-contained reports/report.html. */
@Command(name = "report", description = "Write the run's report: reports/report.md and a self-contained reports/report.html (stage 6).")
final class ReportCommand extends BaseCommand {
    @Mixin
    RunOptions runOptions;

    @Mixin
    LabelOptions labelOptions;

    @Option(names = "--format", paramLabel = "md|html|all", defaultValue = "all", converter = FormatConverter.class,
            description = "Which report to write: md, html or all (default: ${DEFAULT-VALUE}).")
    ReportStage.Format format;

    @Option(names = "--open", description = "Open report.html in the browser ($BROWSER, else the desktop's opener);"
            + " a finished run's report is opened as it is, without writing it again.")
    boolean open;

    /** md, html, all in any case; anything else is a usage error (exit 2) listing the choices. */
    static final class FormatConverter implements ITypeConverter<ReportStage.Format> {
        @Override
        public ReportStage.Format convert(String value) {
            try {
                return ReportStage.Format.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a report format (use md, html or all)");
            }
        }
    }

    @Override
    public Integer call() {
        Desktop desktop = new Desktop(context().env().get("BROWSER"));
        Optional<Run> target = runToCompute(runOptions, open, true, r -> r.reportsDir().resolve("report.html"), html -> {
            desktop.open(html);
            out().println("Opened " + context().runStore().displayPath(html));
        });
        if (target.isEmpty()) {
            return 0;
        }
        Run run = target.get();
        ReportStage.Result result;
        try (RunLock lock = run.lock()) {
            result = ReportStage.run(run, format, labelOptions.sources(context().workspace()), messages(false));
        }
        Path html = result.files().stream().filter(f -> f.getFileName().toString().endsWith(".html")).findFirst().orElse(null);
        out().println(style().bold("Report for run " + run.id()) + " (" + result.calls() + " calls"
                + (result.insightsIncluded() ? ", with insights" : ", no insights yet") + "):");
        result.files().forEach(f -> out().println("  " + context().runStore().displayPath(f)));
        if (html != null && open) {
            desktop.open(html);
        } else if (html != null) {
            out().println(style().dim("Open it: " + Desktop.opener() + " " + context().runStore().displayPath(html)));
        }
        return 0;
    }
}
