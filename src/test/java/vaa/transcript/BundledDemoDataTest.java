package vaa.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo campaigns in customer_data/ (built by tools/convert) scan and read cleanly. */
class BundledDemoDataTest {
    private static final Path CUSTOMER_DATA = Path.of("customer_data");

    private static List<ReadResult.Read> readAll(String campaign) {
        TranscriptReaders readers = new TranscriptReaders();
        SourceScan scan = SourceScanner.scan(CUSTOMER_DATA.resolve(campaign));
        assertThat(scan.skipped()).isEmpty();
        List<ReadResult.Read> reads = new ArrayList<>();
        for (SourceFile f : scan.files()) {
            ReadResult result = readers.read(f.file());
            assertThat(result).as(f.relative()).isInstanceOf(ReadResult.Read.class);
            reads.add((ReadResult.Read) result);
        }
        return reads;
    }

    @Test
    void harperValleyCallsAreCanonicalWithTimingOnBothSides() {
        List<ReadResult.Read> reads = readAll("harper-valley/bank-support");

        assertThat(reads).hasSize(32).allSatisfy(r -> {
            Call call = r.call();
            assertThat(r.format()).isEqualTo(TranscriptFormat.CANONICAL);
            assertThat(call.startInstant()).isPresent();
            assertThat(call.metadata()).containsEntry("source", "harper-valley").containsKeys("task_type", "agent_name");
            assertThat(call.utterances()).extracting(Utterance::role).contains(Role.AGENT, Role.CUSTOMER);
            assertThat(call.utterances()).allSatisfy(u -> {
                assertThat(u.start()).isNotNull().isBetween(0.0, call.durationS());
                assertThat(u.end()).isGreaterThanOrEqualTo(u.start());
                assertThat(u.text()).isNotBlank().isNotEqualTo("[noise]");
            });
        });
    }

    @Test
    void harperValleyFilesAreExactlyWhatCanonicalJsonWrites() throws Exception {
        for (ReadResult.Read r : readAll("harper-valley/bank-support")) {
            Path file = CUSTOMER_DATA.resolve("harper-valley/bank-support").resolve(r.call().id() + ".json");
            assertThat(CanonicalJson.toJson(r.call())).isEqualTo(java.nio.file.Files.readString(file));
        }
    }

    @Test
    void taskmasterDialoguesUseTheSpeakerMapBothWays() {
        List<ReadResult.Read> reads = readAll("taskmaster/coffee-orders");

        assertThat(reads).hasSize(300).allSatisfy(r -> {
            assertThat(r.format()).isEqualTo(TranscriptFormat.PROCESSED);
            assertThat(r.call().metadata()).containsEntry("source", "taskmaster-4");
            // every Taskmaster-4 dialogue opens with the customer
            assertThat(r.call().utterances().get(0).role()).isEqualTo(Role.CUSTOMER);
            assertThat(r.call().utterances().get(0).speaker()).isEqualTo("Kunden");
        });
    }
}
