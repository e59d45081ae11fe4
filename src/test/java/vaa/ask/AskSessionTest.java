package vaa.ask;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.io.Env;
import vaa.io.MessageSink;
import vaa.llm.Tracer;
import vaa.run.Run;
import vaa.run.RunStore;
import vaa.testing.OpenAiStub;
import vaa.ui.JLineAskConsole;
import vaa.ui.Style;

/** The interactive session driven through a scripted JLine terminal, as a person would type it. */
class AskSessionTest {
    @TempDir
    Path ws;

    OpenAiStub stub;
    RunStore store;
    final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        stub = new OpenAiStub(req -> "It fails at verification [" + AskFixtures.contextIds(req).get(0) + "].");
        AskFixtures.standard(ws, "first");
        Run second = AskFixtures.run(ws, "second");
        AskFixtures.call(second, "s-1", "escalated", "order a pizza", "The pizza order was escalated to a human.", "No pizza menu.",
                null, null, "Hi", "I want a pizza");
        store = new RunStore(ws, Clock.systemDefaultZone(), "test");
    }

    @AfterEach
    void stop() throws Exception {
        stub.close();
    }

    /** Runs a whole session on a scripted terminal; {@code user} acts alongside it (typing late, pressing Ctrl+C). */
    String session(Map<String, String> env, InputStream keys, Function<Terminal, Runnable> user) throws Exception {
        Terminal terminal = TerminalBuilder.builder().system(false).dumb(true).type("dumb")
                .streams(keys, screen).encoding(StandardCharsets.UTF_8).build();
        AskSetup setup = new AskSetup(Env.of(env), ws, Clock.systemDefaultZone(),
                env.isEmpty() ? AskOptions.defaults() : AskOptions.defaults().withModel("openai:stub"), MessageSink.NONE, Tracer.OFF);
        AskSession.Runs runs = AskSession.Runs.of(store::named, () -> List.of("second", "first"));
        Thread helper = new Thread(user.apply(terminal));
        helper.start();
        try (JLineAskConsole console = new JLineAskConsole(terminal, ws.resolve(JLineAskConsole.HISTORY_FILE), Style.plain(),
                store::displayPath, runs::ids)) {
            new AskSession(setup, console, runs).run(store.find("first").orElseThrow());
        }
        helper.join(10_000);
        terminal.close();
        return screen();
    }

    String screen() {
        return screen.toString(StandardCharsets.UTF_8).replace("\r", "");
    }

    static InputStream typed(String keys) {
        return new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void questionsCommandsAndRunSwitchingUntilCtrlD() throws Exception {
        String out = session(stub.env(), typed("Why do calls fail?\n/help\n/run\n/run nowhere\n/run second\nWhat about pizza?\n/bogus\n\n"), t -> () -> {});
        assertThat(out).contains("Asking run first: 11 analysed calls indexed (index built in ",
                "Model: openai:stub (stub) · prompt ask v1",
                "Type a question. /help for commands, /quit or Ctrl+D to leave.",
                "ask [first]> ");
        assertThat(out).containsPattern("It fails at verification \\[(esc-supervisor|esc-human|refund-fail|pwd-reset|wait-long|repeat-order)]\\.\n\nCited calls \\(1\\): ");
        assertThat(out).contains("Run: first · 6 of 6 retrieved calls in context · openai:stub",
                "Saved: runs/first/reports/asks/",
                "/run ID   switch to another run",
                "Runs (newest first):\n  second\n* first\n",
                "ERROR: No run 'nowhere' in runs/.",
                "Asking run second: 1 analysed call indexed",
                "ask [second]> ",
                "It fails at verification [s-1].",
                "Run: second",
                "ERROR: Unknown command /bogus. Type /help for the commands.");
        assertThat(Files.readAllLines(ws.resolve(JLineAskConsole.HISTORY_FILE)))
                .anyMatch(l -> l.endsWith("Why do calls fail?")).anyMatch(l -> l.endsWith("/run second"));
        try (var files = Files.list(ws.resolve("runs/second/reports/asks"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".json"))).hasSize(1);
        }
    }

    @Test
    void withoutAModelTheSessionListsTheMatchingCallsAndQuitEnds() throws Exception {
        String out = session(Map.of(), typed("password reset\n/quit\nnever asked\n"), t -> () -> {});
        assertThat(out).contains("No model: answers list the matching calls only — no model configured: the default insights model",
                "Calls of run first matching the question (1 of 11):",
                " 1. pwd-reset  unresolved · reset a password",
                "    The customer could not reset the password because the verification code never arrived.",
                "friction verification: \"I never got the code\"",
                "An answer needs a model — no model configured",
                "Run: first · saved runs/first/reports/asks/");
        assertThat(out).endsWith("ask [first]> /quit\n").doesNotContain("ask [first]> never asked");
    }

    @Test
    void ctrlCStopsTheAnswerInProgressAndTheSessionGoesOn() throws Exception {
        stub.delay(3_000);
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream keys = new PipedInputStream(keyboard);
        keyboard.write("Why do calls fail?\n".getBytes(StandardCharsets.UTF_8));
        long t0 = System.nanoTime();
        String out = session(stub.env(), keys, terminal -> () -> {
            try {
                while (stub.requests.get() == 0) {
                    Thread.sleep(20);
                }
                Thread.sleep(200);
                terminal.raise(Terminal.Signal.INT);
                while (!screen().contains("(answer cancelled)")) {
                    Thread.sleep(20);
                }
                // the next line is typed after the cancel, as a person would, then Ctrl+D
                keyboard.write("/help\n".getBytes(StandardCharsets.UTF_8));
                keyboard.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(System.nanoTime() - t0).as("cancelled, not waited out").isLessThan(2_500_000_000L);
        assertThat(out).contains("(answer cancelled)", "/run ID   switch to another run").doesNotContain("Cited calls");
    }
}
