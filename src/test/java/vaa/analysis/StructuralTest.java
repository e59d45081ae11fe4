package vaa.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vaa.stats.Stats;
import vaa.transcript.Call;
import vaa.transcript.ReadResult;
import vaa.transcript.Role;
import vaa.transcript.TranscriptReaders;
import vaa.transcript.Utterance;

class StructuralTest {
    /**
     * Harper Valley call 0091a706bc604188 (balance check), worked out by hand from its segments:
     * customer→agent gaps 19.815-14.865, 30.315-24.025, 42.615-40.875; the customer's "thank you"
     * at 37.415 starts before the agent's turn ends at 38.685 (one interruption); the longest gap
     * in speech is 24.025→30.315; the agent's two turns 30.315–38.685 are the longest monologue.
     */
    @Test
    void harperValleyBalanceCheckMatchesHandComputedFigures() {
        Call call = read("customer_data/harper-valley/bank-support/0091a706bc604188.json");
        Structural s = Structural.of(call);
        assertThat(s.hasTimestamps()).isTrue();
        assertThat(s.utterances()).isEqualTo(10);
        assertThat(s.durationS()).isEqualTo(51.218);
        assertThat(s.turns()).containsEntry("agent", 4).containsEntry("customer", 4);
        assertThat(s.agentResponseLatenciesS()).containsExactly(4.95, 6.29, 1.74);
        assertThat(s.agentResponseLatencyP50S()).isEqualTo(4.95);
        assertThat(s.agentResponseLatencyP95S()).isCloseTo(6.156, within(0.0005));
        assertThat(s.interruptions()).isEqualTo(1);
        assertThat(s.agentInterruptions()).isZero();
        assertThat(s.longestSilenceS()).isEqualTo(6.29);
        assertThat(s.talkTimeS()).containsEntry("agent", 13.05).containsEntry("customer", 6.66);
        assertThat(s.agentTalkRatio()).isEqualTo(0.662);
        assertThat(s.talkRatioBasis()).isEqualTo("time");
        assertThat(s.longestMonologueS()).isEqualTo(8.37);
        assertThat(s.longestMonologueRole()).isEqualTo("agent");
    }

    @Test
    void withoutTimestampsTimingFiguresAreNullAndTalkRatioUsesWords() {
        Call call = new Call("x", List.of(
                new Utterance(Role.CUSTOMER, "Kunden", "one two three"),
                new Utterance(Role.AGENT, "Sælger", "one"),
                new Utterance(Role.AGENT, "Sælger", "two three four five six seven"),
                new Utterance(Role.CUSTOMER, "Kunden", "ok")));
        Structural s = Structural.of(call);
        assertThat(s.hasTimestamps()).isFalse();
        assertThat(s.durationS()).isNull();
        assertThat(s.agentResponseLatenciesS()).isNull();
        assertThat(s.interruptions()).isNull();
        assertThat(s.longestSilenceS()).isNull();
        assertThat(s.words()).isEqualTo(Map.of("agent", 7, "customer", 4, "other", 0));
        assertThat(s.agentTalkRatio()).isEqualTo(0.636);
        assertThat(s.talkRatioBasis()).isEqualTo("words");
        assertThat(s.longestMonologueWords()).isEqualTo(7);
        assertThat(s.longestMonologueRole()).isEqualTo("agent");
    }

    @Test
    void percentilesInterpolateLikeNumpy() {
        assertThat(Stats.percentile(List.of(1.0, 2.0, 3.0, 4.0), 50)).isEqualTo(2.5);
        assertThat(Stats.percentile(List.of(1.0, 2.0, 3.0, 4.0), 90)).isEqualTo(3.7);
        assertThat(Stats.percentile(List.of(), 50)).isNull();
    }

    static Call read(String path) {
        ReadResult r = new TranscriptReaders().read(Path.of(path));
        assertThat(r).isInstanceOf(ReadResult.Read.class);
        return ((ReadResult.Read) r).call();
    }
}
