package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.io.Json;
import vaa.testing.Cli;
import vaa.testing.RunFixtures;

class RunsCommandTest {
    static final String SOURCE = Path.of("customer_data").toAbsolutePath().toString();

    @TempDir
    Path ws;

    @Test
    void listWithNoRunsSaysHowToStart() {
        Cli.Result r = Cli.in(ws).run("runs", "list");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("No runs yet");
    }

    @Test
    void listMarksTheLatestAndShowsNewestFirst() throws Exception {
        RunFixtures.empty(ws, "exp_a");
        Thread.sleep(1100); // created_at has second resolution
        RunFixtures.empty(ws, "exp_b");

        Cli.Result list = Cli.in(ws).run("runs", "list");
        assertThat(list.out()).containsPattern("\\* exp_b\\s").contains("  exp_a ");
        assertThat(list.out().indexOf("exp_b")).isLessThan(list.out().indexOf("exp_a"));

        JsonNode json = Json.MAPPER.readTree(Cli.in(ws).run("runs", "list", "--json").out());
        assertThat(json.isArray()).isTrue();
        assertThat(json.get(0).get("run_id").asText()).isEqualTo("exp_b");
        assertThat(json.get(0).get("latest").asBoolean()).isTrue();
        assertThat(json.get(1).get("sampled").asInt()).isZero();
        assertThat(json.get(0).get("analysis_model").isNull()).isTrue();   // not analysed yet
    }

    @Test
    void listSaysWhichModelAndPromptJudgedEachRun() throws Exception {
        try (vaa.testing.OpenAiStub stub = new vaa.testing.OpenAiStub(b -> vaa.testing.OpenAiStub.judgement("resolved", "thank you"))) {
            Cli.Result judged = Cli.in(ws).env(stub.env()).run("run", "-n", "2", "--seed", "1", "--source", SOURCE, "--run-id", "judged",
                    "--model", "openai:judge", "--stages", "sample,analyze");
            assertThat(judged.code()).as(judged.all()).isZero();
        }
        Cli.Result plain = Cli.in(ws).run("run", "-n", "2", "--seed", "1", "--source", SOURCE, "--run-id", "plain", "--stages", "sample,analyze");
        assertThat(plain.code()).as(plain.all()).isZero();

        Cli.Result list = Cli.in(ws).run("runs", "list");
        assertThat(list.out()).contains("JUDGE").containsPattern("judged .*openai:judge · call_analysis v\\d+")
                .containsPattern("plain .*structural only");
        JsonNode json = Json.MAPPER.readTree(Cli.in(ws).run("runs", "list", "--json").out());
        JsonNode judgedRow = json.get(0).get("run_id").asText().equals("judged") ? json.get(0) : json.get(1);
        assertThat(judgedRow.get("analysis_model").asText()).isEqualTo("openai:judge");
        assertThat(judgedRow.get("analysis_prompt").asText()).startsWith("call_analysis v");
    }

    @Test
    void aMistypedRunOnAReadingCommandCreatesNothingAndNamesTheNearestRuns() throws Exception {
        RunFixtures.empty(ws, "ghost");
        byte[] lastRun = Files.readAllBytes(ws.resolve(".last_run"));
        for (String[] args : new String[][] {{"runs", "show", "--run-id", "ghost1"}, {"metrics", "--json", "--run-id", "ghost2"},
                {"ask", "why?", "--run-id", "ghost3"}}) {
            Cli.Result r = Cli.in(ws).run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).contains("No run ghost", "Nearest: ghost");
        }
        assertThat(ws.resolve("runs")).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("ghost") && !p.getFileName().toString().equals("ghost"));
        assertThat(Files.readSymbolicLink(ws.resolve("runs/latest")).toString()).isEqualTo("ghost");
        assertThat(Files.readAllBytes(ws.resolve(".last_run"))).isEqualTo(lastRun);
        assertThat(Cli.in(ws).run("runs", "show", "--help").out()).doesNotContain("created if missing");
    }

    @Test
    void scriptsReadTheLastRunThroughThePointerAndSayWhichOnStderr() {
        RunFixtures.empty(ws, "exp_a");
        Cli.Result show = Cli.in(ws).run("runs", "show");
        assertThat(show.code()).isZero();
        assertThat(show.out()).contains("Run exp_a");
        assertThat(show.err()).contains("Using run exp_a (from .last_run)");
    }

    @Test
    void scriptsThatWriteStillMustNameTheRunAndAreToldHow() {
        RunFixtures.empty(ws, "exp_a");
        Cli.Result r = Cli.in(ws).run("analyze");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().toList()).startsWith("ERROR: Non-interactive mode requires explicit --run-id or --run-dir");
        assertThat(r.err()).contains("The last run is exp_a (.last_run); to use it, add --run-id exp_a or set LAST_RUN=exp_a.");
    }

    @Test
    void aScriptThatWritesInAWorkspaceWithNoRunIsToldHowToStartOne() {
        Cli.Result r = Cli.in(ws).run("metrics");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly("ERROR: Non-interactive mode requires explicit --run-id or --run-dir",
                "This workspace has no runs yet; start one with: vaa run -n 20");
    }

    @Test
    void aRunLeftRunningByAKilledProcessIsShownInterrupted() throws Exception {
        var run = RunFixtures.empty(ws, "killed");
        run.updateStage(vaa.run.Stage.SAMPLING, st -> st.running(run.now()));
        assertThat(Files.readString(run.dir().resolve("status.json"))).contains("running");
        assertThat(Cli.in(ws).run("runs", "list").out()).contains("interrupted").doesNotContain("running");
        try (var lock = run.lock()) {
            assertThat(Cli.in(ws).run("runs", "list").out()).contains("running");
        }
    }

    @Test
    void aRefusedWriteOnASealedRunChangesNoByteOfIt() throws Exception {
        var run = RunFixtures.empty(ws, "done");
        run.seal();
        assertThat(ws.resolve("runs/done/.vaa.lock")).doesNotExist();
        Cli.Result r = Cli.in(ws).run("metrics", "--run-id", "done");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("sealed");
        assertThat(ws.resolve("runs/done/.vaa.lock")).doesNotExist();
    }

    @Test
    void showJsonHasConfigAndStatus() throws Exception {
        RunFixtures.empty(ws, "exp_a");
        Cli.Result r = Cli.in(ws).run("runs", "show", "exp_a", "--json");
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.at("/config/run_id").asText()).isEqualTo("exp_a");
        assertThat(doc.at("/status/stages/analysis/status").asText()).isEqualTo("pending");
        assertThat(doc.at("/runs_total").asInt()).isEqualTo(1);
    }

    @Test
    void showSaysHowManyRunsThereAreAndWhichIsLatest() {
        RunFixtures.empty(ws, "exp_a");
        RunFixtures.empty(ws, "exp_b");
        Cli.Result r = Cli.in(ws).run("runs", "show", "exp_a");
        assertThat(r.out()).contains("Run exp_a", "2 runs in this workspace; latest: exp_b").doesNotContain("(latest)");
        assertThat(Cli.in(ws).run("runs", "show", "latest").out()).contains("Run exp_b", "(latest)");
    }

    @Test
    void showPrintsTheHeaderConfigAndStageTableLineForLine() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
        Files.createDirectories(ws.resolve("broken"));
        Files.writeString(ws.resolve("broken/call.json"), "{\"utterances\": [");
        Cli.in(ws).clock(clock).run("run", "-n", "2", "--source", "broken", "--run-id", "bad");
        Cli.Result r = Cli.in(ws).clock(clock).run("runs", "show", "bad");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("""
                Run bad  (latest)   runs/bad
                  Created:   2026-12-01 10:00:00
                  Status:    failed
                  Contents:  0 sampled, 0 analyses

                Config
                  {
                    "run_id" : "bad",
                    "created_at" : "2026-12-01T10:00:00",
                    "version" : "dev",
                    "args" : {
                      "sample_size" : 2,
                      "source" : "broken",
                      "workers" : 4,
                      "analysis_model" : null,
                      "insights_model" : null,
                      "stages" : [ "sampling", "analysis", "metrics", "nl_extraction", "insights", "report" ],
                      "by" : null,
                      "prompt" : null,
                      "prompt_label" : null,
                      "prompt_version" : null,
                      "prompt_source" : "auto"
                    }
                  }
                Stages  (updated 2026-12-01 10:00:00)
                  sampling       failed       finished 2026-12-01 10:00:00, no readable transcripts
                  analysis       pending     \s
                  metrics        pending     \s
                  nl_extraction  pending     \s
                  insights       pending     \s
                  report         pending     \s

                1 run in this workspace; latest: bad
                """);
    }

    @Test
    void listFiltersByStatus() {
        RunFixtures.analysed(ws, "started", "m", RunFixtures.fortyCalls(1, 1, 1, 1.0));
        RunFixtures.analysed(ws, "finished", "m", RunFixtures.fortyCalls(1, 1, 1, 1.0)).seal();
        RunFixtures.empty(ws, "fresh");
        Cli.Result done = Cli.in(ws).run("runs", "list", "--status", "completed");
        assertThat(done.out()).contains("finished").doesNotContain("started", "fresh").contains("1 run;");
        assertThat(Cli.in(ws).run("runs", "list", "--status", "in_progress").out()).contains("started").doesNotContain("finished");
        assertThat(Cli.in(ws).run("runs", "list", "--status", "failed").out()).contains("No runs with status failed.");
    }

    @Test
    void nonInteractiveShowWithNoRunAtAllExitsTwoWithTheSeedMessage() {
        Cli.Result r = Cli.in(ws).run("runs", "show");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("ERROR: Non-interactive mode requires explicit --run-id or --run-dir");
        assertThat(r.err()).doesNotContain("at vaa.");
    }

    @Test
    void lastRunEnvironmentIsUsedNonInteractively() {
        RunFixtures.empty(ws, "exp_a");
        Cli.Result r = Cli.in(ws).env(Map.of("LAST_RUN", "exp_a")).run("runs", "show");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Run exp_a");
    }

    @Test
    void unsafeRunIdsExitTwo() {
        for (String bad : new String[] {"../x", "a/b", "", "latest", "my run"}) {
            Cli.Result r = Cli.in(ws).run("runs", "show", "--run-id", bad);
            assertThat(r.code()).as(bad).isEqualTo(2);
            assertThat(r.err()).startsWith("ERROR: ");
        }
        assertThat(ws.resolve("runs")).doesNotExist();
    }

    @Test
    void unknownRunAndUnknownOptionAreUsageErrors() {
        assertThat(Cli.in(ws).run("runs", "show", "nope").code()).isEqualTo(2);
        assertThat(Cli.in(ws).run("runs", "list", "--bogus").code()).isEqualTo(2);
    }

    @Test
    void verboseShowsStackTracesOnlyWhenAsked() throws Exception {
        Files.createDirectories(ws.resolve("runs/broken"));
        Files.writeString(ws.resolve("runs/broken/config.json"), "{not json");
        Cli.Result quiet = Cli.in(ws).run("runs", "show", "broken");
        assertThat(quiet.code()).isEqualTo(1);
        assertThat(quiet.err()).contains("ERROR: Cannot read").doesNotContain("\tat ");
        Cli.Result loud = Cli.in(ws).run("-v", "runs", "show", "broken");
        assertThat(loud.err()).contains("\tat ");
        Cli.Result loudSub = Cli.in(ws).run("runs", "show", "broken", "-v");
        assertThat(loudSub.err()).as("-v is inherited by subcommands").contains("\tat ");
    }

    @Test
    void aDamagedRunIsListedAsUnreadableWithoutBreakingTheList() throws Exception {
        RunFixtures.empty(ws, "good");
        Files.createDirectories(ws.resolve("runs/broken"));
        Files.writeString(ws.resolve("runs/broken/status.json"), "{\"overall_status\": ");
        Cli.Result r = Cli.in(ws).run("runs", "list");
        assertThat(r.code()).isZero();
        assertThat(r.out()).containsPattern("broken\\s+\\S+ \\S+\\s+unreadable").contains("good");
        Cli.Result show = Cli.in(ws).run("runs", "show", "broken");
        assertThat(show.err()).contains("not valid JSON", "line 1");
    }

    @Test
    void versionAndHelpWork() {
        assertThat(Cli.in(ws).run("--version").out()).startsWith("vaa ");
        Cli.Result help = Cli.in(ws).run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("runs", "--no-color", "--verbose");
    }
}
