package vaa.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import vaa.VaaException;

class RunIdsTest {
    @Test
    void generatedIdsCarryTheTimestamp() {
        assertThat(RunIds.generated(LocalDateTime.of(2026, 1, 21, 14, 30, 0))).isEqualTo("run_20260121_143000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/b", "", "latest", "my run", ".hidden", "..", "a\\b", "x/../../etc"})
    void unsafeIdsAreRefusedWithExitCode2(String id) {
        assertThatThrownBy(() -> RunIds.requireValid(id))
                .isInstanceOf(VaaException.class)
                .satisfies(e -> assertThat(((VaaException) e).exitCode()).isEqualTo(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"experiment_a", "run_20260121_143000", "v1.2-gpt4o", "A"})
    void safeIdsAreAccepted(String id) {
        assertThat(RunIds.requireValid(id)).isEqualTo(id);
    }
}
