package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.io.Json;
import vaa.testing.Cli;
import vaa.testing.OpenAiStub;

/**
 * A run whose calls did not all succeed ends partial: every stage ran and the report lists the failures, but it is
 * not sealed, so --retry-failed works and the stages after analysis are made again; it seals once no call is left
 * failed, or when the user says so (vaa runs seal).
 */
class PartialRunTest {
    static final String SOURCE = Path.of("customer_data").toAbsolutePath().toString();
    private static final Pattern CALL_ID = Pattern.compile("Call id: ([A-Za-z0-9._-]+)");

    @TempDir
    Path ws;

    /** Fails the first two calls it is asked about, every time, while {@code broken}; answers everything else. */
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean broken = new AtomicBoolean(true);

    private String answer(JsonNode body) {
        Matcher m = CALL_ID.matcher(body.path("messages").toString());
        if (!m.find()) {
            return "{\"summary\": \"Orders get misheard.\", \"themes\": []}";
        }
        if (broken.get() && (failing.contains(m.group(1)) || failing.size() < 2 && failing.add(m.group(1)))) {
            return "I cannot answer in JSON, sorry";
        }
        return OpenAiStub.variedJudgement(body);
    }

    private JsonNode status(String run) throws Exception {
        return Json.MAPPER.readTree(ws.resolve("runs/" + run + "/status.json").toFile());
    }

    private Cli.Result partialRun(Cli cli) throws Exception {
        Cli.Result r = cli.run("run", "-n", "8", "--seed", "3", "--source", SOURCE, "--run-id", "p", "--workers", "1",
                "--model", "openai:judge", "--insights-model", "openai:synth");
        assertThat(r.code()).as(r.all()).isZero();
        return r;
    }

    @Test
    void failedCallsLeaveTheRunPartialAndRetryingThemRedoesTheLaterStagesAndSealsIt() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(this::answer)) {
            Cli cli = Cli.in(ws).env(stub.env());
            Cli.Result r = partialRun(cli);

            assertThat(r.out()).contains("Run p partial: every stage ran, 2 calls failed analysis",
                    "vaa run --run-id p --resume --retry-failed", "vaa runs seal p").doesNotContain("sealed");
            JsonNode status = status("p");
            assertThat(status.get("overall_status").asText()).isEqualTo("partial");
            status.get("stages").forEach(s -> assertThat(s.get("status").asText()).isEqualTo("completed"));
            assertThat(status.at("/stages/analysis/detail/still_failed").asInt()).isEqualTo(2);
            String report = Files.readString(ws.resolve("runs/p/reports/report.md"));
            failing.forEach(id -> assertThat(report).contains(id));
            assertThat(cli.run("runs", "list").out()).containsPattern("p\\s.*partial");
            assertThat(cli.run("runs", "show", "p").out()).contains("Status:    partial").containsPattern("analysis\\s+completed.*2 failed \\(--retry-failed\\)");

            broken.set(false);
            Cli.Result retry = cli.run("analyze", "--retry-failed", "--run-id", "p");
            assertThat(retry.code()).as(retry.all()).isZero();
            assertThat(retry.out()).contains("2 analysed, 0 failed, 6 already done");
            status = status("p");
            assertThat(status.get("overall_status").asText()).isEqualTo("in_progress");
            for (String later : new String[] {"metrics", "nl_extraction", "insights", "report"}) {
                assertThat(status.at("/stages/" + later + "/status").asText()).as(later).isEqualTo("pending");
                assertThat(status.at("/stages/" + later + "/detail/outdated_by").asText()).as(later).isEqualTo("analysis");
            }

            assertThat(cli.run("runs", "show", "p").out()).containsPattern("report\\s+pending\\s+to be made again: analysis changed");

            Cli.Result resumed = cli.run("run", "--run-id", "p", "--resume");
            assertThat(resumed.code()).as(resumed.all()).isZero();
            assertThat(resumed.out()).contains("· sampling: already completed", "· analysis: already completed", "▶ metrics",
                    "▶ report", "Run p completed and sealed");
            assertThat(status("p").get("overall_status").asText()).isEqualTo("completed");
            JsonNode calls = Json.MAPPER.readTree(ws.resolve("runs/p/reports/metrics.json").toFile()).get("calls");
            assertThat(calls.get("failed").asInt()).isZero();
            assertThat(calls.get("with_judgement").asInt()).as("retried with the run's model, not the catalog's default").isEqualTo(8);
            assertThat(cli.run("analyze", "--retry-failed", "--run-id", "p").code()).as("sealed now").isEqualTo(2);
        }
    }

    @Test
    void runResumeRetryFailedRetriesThemAndRedoesEverythingAfter() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(this::answer)) {
            Cli cli = Cli.in(ws).env(stub.env());
            partialRun(cli);
            broken.set(false);

            Cli.Result r = cli.run("run", "--run-id", "p", "--resume", "--retry-failed");

            assertThat(r.code()).as(r.all()).isZero();
            assertThat(r.out()).contains("▶ analysis", "▶ metrics", "▶ nl_extraction", "▶ insights", "▶ report",
                    "Run p completed and sealed", "8 sampled, 8 analysed");
            failing.forEach(id -> assertThat(stub.requestsByCall.get(id).get()).as(id).isGreaterThan(2));
        }
    }

    @Test
    void runsSealKeepsAPartialRunAsItIs() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(this::answer)) {
            Cli cli = Cli.in(ws).env(stub.env());
            partialRun(cli);

            Cli.Result sealed = cli.run("runs", "seal", "p");

            assertThat(sealed.code()).as(sealed.all()).isZero();
            assertThat(sealed.out()).contains("Run p sealed with 2 calls failed");
            JsonNode status = status("p");
            assertThat(status.get("overall_status").asText()).isEqualTo("completed");
            assertThat(status.at("/stages/analysis/detail/still_failed").asInt()).as("the record of what failed stays").isEqualTo(2);
            Cli.Result retry = cli.run("analyze", "--retry-failed", "--run-id", "p");
            assertThat(retry.code()).isEqualTo(2);
            assertThat(retry.err()).contains("Run p is completed and sealed");
            assertThat(cli.run("runs", "seal", "p").out()).contains("Run p is sealed already.");
        }
    }

    @Test
    void runsSealRefusesARunWithStagesStillToDo() throws Exception {
        assertThat(Cli.in(ws).run("sample", "-n", "2", "--seed", "1", "--source", SOURCE, "--run-id", "open").code()).isZero();

        Cli.Result r = Cli.in(ws).run("runs", "seal", "open");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Run open is in_progress (analysis pending, metrics pending", "vaa run --run-id open --resume");
        assertThat(status("open").get("overall_status").asText()).isEqualTo("in_progress");
        Files.createDirectories(ws.resolve("notes"));
        assertThat(Cli.in(ws).run("runs", "seal", "./notes").code()).isEqualTo(2);
        try (var left = Files.list(ws.resolve("notes"))) {
            assertThat(left).as("a refused seal writes nothing, not even a lock file").isEmpty();
        }
        assertThat(Cli.in(ws).run("runs", "seal", "nosuch").code()).isEqualTo(2);
    }
}
