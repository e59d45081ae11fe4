package vaa.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;
import vaa.report.ReportStage;
import vaa.run.Run;
import vaa.run.RunLock;
import vaa.run.RunResolver;
import vaa.ui.Style;

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
        Run run = context().resolver(style(), messages(false)).resolve(runOptions.selection(), RunResolver.Mode.EXISTING).run();
        ReportStage.Result result;
        try (RunLock lock = run.lock()) {
            result = ReportStage.run(run, format, labelOptions.sources(context().workspace()), messages(false));
        }
        Style s = style();
        out().println(s.bold("Report for run " + run.id()) + " (" + result.calls() + " calls"
                + (result.insightsIncluded() ? ", with insights" : ", no insights yet") + "):");
        Path html = null;
        for (Path f : result.files()) {
            out().println("  " + context().runStore().displayPath(f));
            if (f.getFileName().toString().endsWith(".html")) {
                html = f;
            }
        }
        if (html != null) {
            out().println(s.dim("Open it: " + opener() + " " + context().runStore().displayPath(html)));
        }
        return 0;
    }

    /** The desktop's "open this file" command, for the hint only. */
    private static String opener() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        return os.contains("mac") ? "open" : os.contains("win") ? "start" : "xdg-open";
    }
}
