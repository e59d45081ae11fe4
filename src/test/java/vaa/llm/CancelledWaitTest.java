package vaa.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import vaa.VaaException;

/** After Ctrl+C a call that was waiting for a slot is not sent: only the calls already on the wire finish. */
class CancelledWaitTest {
    @Test
    void aCallThatGetsItsSlotAfterTheStopIsNeverSent() {
        AtomicInteger sent = new AtomicInteger();
        LlmClient wire = (request, onDelta) -> {
            sent.incrementAndGet();
            return new LlmResponse("{}", 1L, 1, LlmResponse.Usage.NONE, null, null, false);
        };
        AtomicBoolean stopped = new AtomicBoolean();
        LimitedLlmClient client = new LimitedLlmClient(wire, new AdaptiveLimiter(1),
                new Pacer(StatedLimits.NONE, Sleeper.SYSTEM, Duration.ofMinutes(5)), "h", LlmCallListener.NONE, stopped::get);

        client.complete(LlmRequest.of(ChatMessage.user("a")), d -> {});
        stopped.set(true);

        assertThatThrownBy(() -> client.complete(LlmRequest.of(ChatMessage.user("b")), d -> {}))
                .isInstanceOfSatisfying(VaaException.class, e -> assertThat(e.exitCode()).isEqualTo(VaaException.INTERRUPTED));
        assertThat(sent).hasValue(1);
    }
}
