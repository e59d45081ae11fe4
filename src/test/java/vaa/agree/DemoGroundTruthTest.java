package vaa.agree;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vaa.transcript.Call;
import vaa.transcript.ReadResult;
import vaa.transcript.SourceFile;
import vaa.transcript.SourceScanner;
import vaa.transcript.TranscriptReaders;

/** The ground truth tools/convert writes into the bundled demo calls, which vaa agree reads by default. */
class DemoGroundTruthTest {
    private static List<Call> calls(String campaign) {
        TranscriptReaders readers = new TranscriptReaders();
        return SourceScanner.scan(Path.of("customer_data").resolve(campaign)).files().stream().map(SourceFile::file)
                .map(readers::read).map(r -> ((ReadResult.Read) r).call()).toList();
    }

    private static Object taskCompleted(Call c) {
        return c.metadata().get("ground_truth") instanceof Map<?, ?> gt ? gt.get("task_completed") : null;
    }

    @Test
    void taskmasterOrdersCarryWhetherTheyWereFinishedAndQuestionsCarryNoGroundTruth() {
        List<Call> calls = calls("taskmaster/coffee-orders");

        assertThat(calls).hasSize(300).allSatisfy(c -> assertThat(c.metadata().get("order_finished")).isInstanceOf(Boolean.class));
        assertThat(calls.stream().filter(c -> Boolean.TRUE.equals(c.metadata().get("order_finished")))).hasSize(220);
        List<Call> labelled = calls.stream().filter(c -> taskCompleted(c) != null).toList();
        assertThat(labelled).hasSize(249).allSatisfy(c -> assertThat(taskCompleted(c)).isEqualTo(c.metadata().get("order_finished")));
        assertThat(labelled.stream().filter(c -> Boolean.TRUE.equals(taskCompleted(c)))).hasSize(220);
        assertThat(calls.stream().filter(c -> taskCompleted(c) == null))
                .allSatisfy(c -> assertThat(String.valueOf(c.metadata().get("scenario")))
                        .containsPattern("(?i)off topic|what kind of|do you have|what's in a"));
    }

    @Test
    void harperValleyCallsCarryTheAgentsSubmissionAndWhetherItMatchedTheTask() {
        List<Call> calls = calls("harper-valley/bank-support");

        assertThat(calls).hasSize(32).allSatisfy(c -> {
            assertThat(taskCompleted(c)).isEqualTo(true);
            assertThat(((Map<?, ?>) c.metadata().get("agent_submission")).get("task_type")).isEqualTo(c.metadata().get("task_type"));
        });
    }
}
