package vaa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.testing.Cli;

/** {@code vaa sample}: what it draws from, and that one bad file never stops the draw. */
class SampleCommandTest {
    static final String CALL = "{\"id\": \"%s\", \"utterances\": [{\"speaker\": \"agent\", \"text\": \"Hello\"},"
            + " {\"speaker\": \"customer\", \"text\": \"Hi\"}]}";

    @TempDir
    Path ws;

    private void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void calls(Path dir, int count) throws IOException {
        for (int i = 1; i <= count; i++) {
            write(dir.resolve("call_" + i + ".json"), CALL.formatted("call_" + i));
        }
    }

    @Test
    void aRetellCallWithoutTimestampsIsDrawnAndABrokenFileIsSkippedByNameWithItsReason() throws IOException {
        calls(ws.resolve("src"), 3);
        // a call that never connected: no start_timestamp, end_timestamp or duration_ms
        write(ws.resolve("src/retell_error.json"), "{\"call_id\": \"call_err\", \"call_status\": \"error\","
                + " \"transcript_object\": [{\"role\": \"agent\", \"content\": \"Hello?\"}]}");
        write(ws.resolve("src/broken.json"), "{\"call_id\": \"x\", \"transcript_object\": [");

        Cli.Result r = Cli.in(ws).run("sample", "-n", "10", "--seed", "1", "--source", "src", "--run-id", "s");

        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("Drew:       4 calls", "(canonical 3, retell 1)");
        assertThat(r.err()).contains("Skipped 1 unreadable file:\n  broken.json: not valid JSON: Unexpected end-of-input");
        assertThat(ws.resolve("runs/s/sampled/call_err.json")).exists();
        assertThat(r.err()).as("a sample left short by unreadable files says so, as vaa run does")
                .contains("Asked for 10 calls, but only 4 of the 5 transcripts in src could be read (1 unreadable); the sample has 4.");
    }

    @Test
    void aSingleTranscriptFileIsASourceOfOneCall() throws IOException {
        write(ws.resolve("exports/one-call.txt"), "Agent: Hello, how can I help?\nCustomer: My card is blocked.\n");

        Cli.Result r = Cli.in(ws).run("sample", "--seed", "1", "--source", "exports/one-call.txt", "--run-id", "one");

        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("Source:     exports/one-call.txt (1 transcript available)", "Drew:       1 call →");
        assertThat(r.err()).contains("Asked for 50 calls but exports/one-call.txt has 1 transcript; taking it.");
        assertThat(Files.readString(ws.resolve("runs/one/manifest.csv"))).contains("one-call,one-call.txt,");
    }

    @Test
    void withoutCustomerDataInTheWorkspaceTheInstalledDemoDataIsDrawnAndSaidSo(@TempDir Path home) throws IOException {
        calls(home.resolve("customer_data/demo"), 5);

        Cli.Result r = Cli.in(ws).home(home).run("sample", "-n", "3", "--seed", "1", "--run-id", "demo");

        assertThat(r.code()).as(r.all()).isZero();
        Path bundled = home.resolve("customer_data").toRealPath();
        assertThat(r.out()).containsOnlyOnce("demo data installed with vaa")
                .contains("No customer_data/ here; drawing from the demo data installed with vaa: " + bundled,
                        "Source:     " + bundled + " (5 transcripts available)", "Drew:       3 calls");
    }

    @Test
    void aGivenSourceIsNeverReplacedByTheDemoData(@TempDir Path home) throws IOException {
        calls(home.resolve("customer_data/demo"), 5);

        Cli.Result r = Cli.in(ws).home(home).run("sample", "-n", "3", "--source", "customer_data");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Source not found: customer_data");
        assertThat(r.all()).doesNotContain("demo data");
        assertThat(ws.resolve("runs")).doesNotExist();
    }

    @Test
    void inAWorkspaceWithCustomerDataThatIsTheSourceEvenWithAnInstallation(@TempDir Path home) throws IOException {
        calls(ws.resolve("customer_data/mine"), 2);
        calls(home.resolve("customer_data/demo"), 5);

        Cli.Result r = Cli.in(ws).home(home).run("sample", "-n", "3", "--seed", "1");

        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("Source:     customer_data (2 transcripts available)").doesNotContain("demo data");
    }
}
