package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import vaa.Vaa;
import vaa.assist.AssistFixtures;
import vaa.assist.SuiteFixtures;
import vaa.io.Json;
import vaa.testing.ChildJvm;
import vaa.testing.Cli;

/** A suite process killed with SIGKILL in the middle, then resumed: every step is paid for exactly once. */
@DisabledOnOs(OS.WINDOWS)
class AssistSuiteKillTest {
    static final int ANSWERED_BEFORE_KILL = 3;

    @TempDir
    Path ws;

    @Test
    void aSuiteKilledMidwayResumesWithoutPayingForAnyStepTwice() throws Exception {
        List<String> answered = new CopyOnWriteArrayList<>();
        CountDownLatch stuck = new CountDownLatch(1);
        AtomicBoolean killed = new AtomicBoolean();
        Map<String, String> byStep = Map.of("A2", "show|order_correction\nConfirm the decaf first.", "B3", "show|upsell\nOffer syrup.");
        try (MockWebServer server = SuiteFixtures.modelServer(ws, body -> {
            String step = SuiteFixtures.step(body);
            synchronized (answered) {
                if (!killed.get() && answered.size() >= ANSWERED_BEFORE_KILL) {
                    stuck.countDown();
                    return new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);   // the child dies waiting
                }
                answered.add(step);
            }
            return AssistFixtures.sse(byStep.getOrDefault(step, "skip"));
        })) {

            try (ChildJvm child = ChildJvm.start(ws, Vaa.class, "assist", "--all", "--model", "local", "--yes", "--delay", "0",
                    "--run-name", "killed", "--workers", "2")) {
                assertThat(stuck.await(60, TimeUnit.SECONDS)).as("the child got " + ANSWERED_BEFORE_KILL + " answers").isTrue();
                // an answer the server sent but the process never received is paid for and lost whatever vaa does;
                // killing once the answers are on disk makes "never paid twice" a statement about vaa alone
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (lines("killed/" + SuiteFixtures.A) + lines("killed/" + SuiteFixtures.B) < ANSWERED_BEFORE_KILL
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                child.kill();
            }
            assertThat(ws.resolve("experiments/killed/summary.json")).as("killed before it could write a summary").doesNotExist();
            assertThat(lines("killed/" + SuiteFixtures.A) + lines("killed/" + SuiteFixtures.B)).isEqualTo(ANSWERED_BEFORE_KILL);
            killed.set(true);

            Cli.Result resumed = Cli.in(ws).run("assist", "--resume", "killed");

            assertThat(resumed.code()).as(resumed.all()).isZero();
            assertThat(answered).as("each step answered once, across both processes")
                    .hasSize(SuiteFixtures.STEPS).doesNotHaveDuplicates();
            assertThat(resumed.out()).contains("  Suite Complete", "  Conversations: 2 of 2 finished");
        }
        for (String conversation : List.of(SuiteFixtures.A, SuiteFixtures.B)) {
            String log = Files.readString(ws.resolve("experiments/killed/" + conversation + ".txt"));
            assertThat(log).contains("  SUMMARY\n").doesNotContain("interrupted");
        }
        assertThat(lines("killed/" + SuiteFixtures.A)).isEqualTo(3);
        assertThat(lines("killed/" + SuiteFixtures.B)).isEqualTo(4);
        assertThat(Json.MAPPER.readTree(ws.resolve("experiments/killed/summary.json").toFile()).get("status").asText())
                .isEqualTo("complete");
    }

    @Test
    void ctrlCEndsASuiteWithItsSummaryAndTellsHowToContinue() throws Exception {
        CountDownLatch stuck = new CountDownLatch(2);
        try (MockWebServer server = SuiteFixtures.modelServer(ws, body -> {
            if (SuiteFixtures.step(body).endsWith("1")) {
                return AssistFixtures.sse("skip");
            }
            stuck.countDown();
            return new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
        })) {

            List<String> output = new CopyOnWriteArrayList<>();
            try (ChildJvm child = ChildJvm.start(ws, Vaa.class, "assist", "--all", "--model", "local", "--yes", "--delay", "0",
                    "--run-name", "sig", "--workers", "2")) {
                assertThat(stuck.await(60, TimeUnit.SECONDS)).as("both conversations wait at step 2").isTrue();
                Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).inheritIO().start();
                assertThat(kill.waitFor()).isZero();
                int code = child.waitFor();
                for (String line = child.readLine(); line != null; line = child.readLine()) {
                    output.add(line);
                }
                assertThat(code).as(String.join("\n", output)).isEqualTo(130);
            }
            assertThat(String.join("\n", output)).contains("Suite Interrupted", "  Continue with: vaa assist --resume sig");
        }
        assertThat(Json.MAPPER.readTree(ws.resolve("experiments/sig/summary.json").toFile()).get("status").asText())
                .isEqualTo("incomplete");
        for (String conversation : List.of(SuiteFixtures.A, SuiteFixtures.B)) {
            assertThat(Files.readString(ws.resolve("experiments/sig/" + conversation + ".txt"))).contains("  SUMMARY (interrupted at step 2 of ");
            assertThat(lines("sig/" + conversation)).isEqualTo(1);
        }
    }

    int lines(String run) throws Exception {
        Path file = ws.resolve("experiments/" + run + ".jsonl");
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }
}
