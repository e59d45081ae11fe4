package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.testing.Cli;

/** What a new user and a script trip over (issue 14): each case here failed before it was fixed. */
class EverydayUseTest {
    static final String SOURCE = Path.of("customer_data").toAbsolutePath().toString();

    @TempDir
    Path ws;

    @Test
    void aRunMadeStageByStageIsSealedWhenItsLastStageCompletes() {
        Cli cli = Cli.in(ws);
        for (String[] args : new String[][] {{"sample", "-n", "3", "--seed", "2", "--source", SOURCE, "--run-id", "s"},
                {"analyze", "--run-id", "s"}, {"metrics", "--run-id", "s"}, {"extract", "--run-id", "s"},
                {"insights", "--run-id", "s"}, {"report", "--run-id", "s"}}) {
            assertThat(cli.run(args).code()).as(String.join(" ", args)).isZero();
        }
        assertThat(cli.run("runs", "list").out()).contains("completed");
        Cli.Result again = cli.run("report", "--run-id", "s");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("sealed");
    }

    @Test
    void jsonOnASealedRunPrintsTheResultsAsTheyAreWithoutRecomputing() throws Exception {
        Cli cli = Cli.in(ws);
        assertThat(cli.run("run", "-n", "3", "--seed", "2", "--source", SOURCE, "--run-id", "done").code()).isZero();
        Path metrics = ws.resolve("runs/done/reports/metrics.json");
        long modified = Files.getLastModifiedTime(metrics).toMillis();

        Cli.Result m = cli.run("metrics", "--json", "--run-id", "done");
        assertThat(m.code()).as(m.all()).isZero();
        assertThat(m.out()).isEqualTo(Files.readString(metrics));
        assertThat(cli.run("extract", "--json", "--run-id", "done").out()).isEqualTo(Files.readString(ws.resolve("runs/done/reports/nl_fields.json")));
        assertThat(cli.run("insights", "--json", "--run-id", "done").out()).isEqualTo(Files.readString(ws.resolve("runs/done/reports/insights.json")));
        assertThat(Files.getLastModifiedTime(metrics).toMillis()).isEqualTo(modified);

        Cli.Result viaPointer = cli.run("metrics", "--json");
        assertThat(viaPointer.code()).isZero();
        assertThat(viaPointer.err()).contains("Using run done (from .last_run)");
    }

    @Test
    void reportOpenShowsAFinishedRunsReportWithoutWritingItAgain() throws Exception {
        Cli cli = Cli.in(ws);
        assertThat(cli.run("run", "-n", "2", "--seed", "2", "--source", SOURCE, "--run-id", "done").code()).isZero();
        Path html = ws.resolve("runs/done/reports/report.html");
        long modified = Files.getLastModifiedTime(html).toMillis();
        Path opened = ws.resolve("opened.txt");
        Path browser = ws.resolve("browser.sh");
        Files.writeString(browser, "#!/bin/sh\necho \"$1\" > " + opened + "\n");
        browser.toFile().setExecutable(true);

        Cli.Result r = cli.env(java.util.Map.of("BROWSER", browser.toString())).run("report", "--open");

        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.err()).contains("Using run done (from .last_run)");
        assertThat(Files.readString(opened).strip()).isEqualTo(html.toRealPath().toString());
        assertThat(Files.getLastModifiedTime(html).toMillis()).isEqualTo(modified);
    }

    @Test
    void hintsNameARunOutsideTheWorkspaceByItsDirectory() {
        Path elsewhere = ws.resolve("../" + ws.getFileName() + "-elsewhere/x").normalize();
        Cli.Result r = Cli.in(ws).run("sample", "-n", "2", "--seed", "1", "--source", SOURCE, "--run-dir", makeDir(elsewhere));
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("Next: vaa analyze --run-dir " + elsewhere).doesNotContain("--run-id x");
    }

    @Test
    void theLegacyLayoutIsNamedLegacyInHints() {
        Cli.Result r = Cli.in(ws).run("analyze", "--legacy");
        assertThat(r.err()).contains("vaa sample -n 50 --legacy").doesNotContain("--run-id legacy");
    }

    @Test
    void aBadOptionValueIsOneLineAndWhereTheHelpIs() {
        Cli.Result r = Cli.in(ws).run("analyze", "--workers", "many");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("ERROR: Invalid value for option '--workers': 'many' is not an int\nSee: vaa analyze --help\n");
        Cli.Result typo = Cli.in(ws).run("runs", "lsit");
        assertThat(typo.err()).contains("Did you mean", "list").doesNotContain("Usage:");
    }

    @Test
    void helpWorksAsACommandAndCompletionScriptsCompleteRunsAndModels() {
        assertThat(Cli.in(ws).run("help", "metrics").out()).startsWith("Usage: vaa metrics");
        Cli.Result bash = Cli.in(ws).run("completion", "bash");
        assertThat(bash.code()).isZero();
        assertThat(bash.out()).contains("complete -F _vaa_complete", "_vaa_run_ids", "gpt-4o-mini", "_picocli_vaa_runs_show");
        assertThat(Cli.in(ws).run("completion", "zsh").out()).contains("bashcompinit");
        assertThat(Cli.in(ws).run("completion", "fish").code()).isEqualTo(2);
    }

    private static String makeDir(Path p) {
        try {
            Files.createDirectories(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return p.toString();
    }
}
