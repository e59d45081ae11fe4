package vaa.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

/**
 * Ctrl+C that reaches vaa through its JLine terminal goes to the installed handler, also after a line
 * read has put the terminal's handler back. (A second press halts the JVM, so each scope here sees
 * one; the second press is covered in a pseudo-terminal by TerminalCtrlCTest.)
 */
class InterruptsTest {
    final List<String> events = new ArrayList<>();

    Terminal terminal() throws Exception {
        return Terminals.leavingCtrlCToVaa(TerminalBuilder.builder().system(false).dumb(true).type("dumb")
                .streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream())
                .encoding(StandardCharsets.UTF_8));
    }

    Interrupts install() {
        return Interrupts.install(() -> events.add("first"), () -> events.add("quit"));
    }

    @Test
    void ctrlCAtTheTerminalAsksTheWorkToStop() throws Exception {
        try (Terminal terminal = terminal(); Interrupts interrupts = install()) {
            assertThat(interrupts.requested()).isFalse();
            terminal.raise(Terminal.Signal.INT);

            assertThat(interrupts.requested()).isTrue();
            assertThat(events).containsExactly("first");
        }
    }

    @Test
    void aLineReadInBetweenDoesNotTakeCtrlCAway() throws Exception {
        try (Terminal terminal = terminal()) {
            // what JLine's line reader does around each line it reads
            Terminal.SignalHandler beforeRead = terminal.handle(Terminal.Signal.INT, signal -> events.add("reader"));
            terminal.raise(Terminal.Signal.INT);
            terminal.handle(Terminal.Signal.INT, beforeRead);

            try (Interrupts interrupts = install()) {
                terminal.raise(Terminal.Signal.INT);

                assertThat(interrupts.requested()).isTrue();
                assertThat(events).containsExactly("reader", "first");
            }
        }
    }

    @Test
    void theInnerHandlerGetsCtrlCAndTheOuterOneIsBackWhenItCloses() throws Exception {
        try (Terminal terminal = terminal(); Interrupts outer = install()) {
            try (Interrupts inner = Interrupts.install(() -> events.add("inner"), () -> events.add("inner quit"))) {
                terminal.raise(Terminal.Signal.INT);
                assertThat(inner.requested()).isTrue();
            }
            terminal.raise(Terminal.Signal.INT);

            assertThat(outer.requested()).isTrue();
            assertThat(events).containsExactly("inner", "first");
        }
    }
}
