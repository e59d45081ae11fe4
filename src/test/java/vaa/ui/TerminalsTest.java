package vaa.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

/** Ctrl+C at an open terminal goes to the running block's handler, and back to the previous one afterwards. */
class TerminalsTest {
    final List<String> events = new ArrayList<>();

    Terminal terminal() throws Exception {
        Terminal terminal = TerminalBuilder.builder().system(false).dumb(true).type("dumb")
                .streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream())
                .encoding(StandardCharsets.UTF_8).build();
        terminal.handle(Terminal.Signal.INT, signal -> events.add("previous"));
        return terminal;
    }

    @Test
    void ctrlCWhileTheBlockRunsGoesToTheRunnableAndLaterToThePreviousHandler() throws Exception {
        try (Terminal terminal = terminal()) {
            String result = Terminals.routed(terminal, () -> events.add("routed"), () -> {
                terminal.raise(Terminal.Signal.INT);
                return "done";
            });
            terminal.raise(Terminal.Signal.INT);

            assertThat(result).isEqualTo("done");
            assertThat(events).containsExactly("routed", "previous");
        }
    }

    @Test
    void thePreviousHandlerIsBackWhenTheBlockFails() throws Exception {
        try (Terminal terminal = terminal()) {
            assertThatThrownBy(() -> Terminals.routed(terminal, () -> events.add("routed"), () -> {
                throw new IllegalStateException("step failed");
            })).hasMessage("step failed");
            terminal.raise(Terminal.Signal.INT);

            assertThat(events).containsExactly("previous");
        }
    }
}
