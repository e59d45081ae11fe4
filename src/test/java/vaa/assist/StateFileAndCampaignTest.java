package vaa.assist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.VaaException;

class StateFileAndCampaignTest {
    @TempDir
    Path ws;

    @Test
    void loadsStepsAndGivesEachStepThePreviousStepsState() {
        AssistFixtures.campaign(ws);
        StateFile state = StateFile.load(ws.resolve(AssistFixtures.STATE_REL));

        assertThat(state.conversation()).isEqualTo("conv_1.wav");
        assertThat(state.audioStem()).isEqualTo("conv_1");
        assertThat(state.steps()).extracting(StateStep::utteranceIndex).containsExactly(1, 5, 7);
        assertThat(state.stateBefore(0).get("phase").asText()).isEqualTo("opening");
        assertThat(state.stateBefore(1).get("phase").asText()).isEqualTo("p1");
        assertThat(state.stateBefore(2).get("phase").asText()).isEqualTo("p2");
        assertThat(state.previousUtterance(0)).isZero();
        assertThat(state.previousUtterance(2)).isEqualTo(5);
        assertThat(state.warnings()).isEmpty();
    }

    @Test
    void audioStemDropsOnlyTheLastExtensionAndAMissingConversationIsUnknown() {
        Path file = ws.resolve("a.state.json");
        AssistFixtures.write(file, "{\"conversation\": \"call.2024.wav\", \"steps\": [{\"utterance_index\": 0}]}");
        StateFile state = StateFile.load(file);
        assertThat(state.audioStem()).isEqualTo("call.2024");
        assertThat(state.warnings()).singleElement().asString().contains("no initial_state");

        AssistFixtures.write(file, "{\"steps\": [{\"utterance_index\": 0}]}");
        assertThat(StateFile.load(file).conversation()).isEqualTo("unknown");
    }

    @Test
    void badStateFilesAreUsageErrorsNamingTheProblem() {
        Path file = ws.resolve("bad.state.json");
        AssistFixtures.write(file, "{\"conversation\": \"x.wav\", \"steps\": []}");
        assertThatThrownBy(() -> StateFile.load(file)).isInstanceOf(VaaException.class)
                .hasMessageContaining("State file has no steps")
                .satisfies(e -> assertThat(((VaaException) e).exitCode()).isEqualTo(2));

        AssistFixtures.write(file, "{\"steps\": [{\"utterance_index\": 1}, {\"accumulated_state\": {}}]}");
        assertThatThrownBy(() -> StateFile.load(file)).hasMessageContaining("step 2 needs \"utterance_index\"");

        AssistFixtures.write(file, "{not json");
        assertThatThrownBy(() -> StateFile.load(file)).hasMessageContaining("is not valid JSON");
    }

    @Test
    void campaignIsTwoLevelsUpFromTheStateFileOrBesideIt() {
        Path dir = AssistFixtures.campaign(ws);
        assertThat(Campaign.of(ws.resolve(AssistFixtures.STATE_REL)).dir()).isEqualTo(dir);

        Path beside = dir.resolve("conv_1.state.json");
        AssistFixtures.write(beside, "{}");
        assertThat(Campaign.of(beside).dir()).isEqualTo(dir);
    }

    @Test
    void aStateFileOutsideACampaignIsAnErrorShowingTheExpectedLayout() {
        Path lonely = ws.resolve("somewhere/else/x.state.json");
        AssistFixtures.write(lonely, "{}");
        assertThatThrownBy(() -> Campaign.of(lonely)).isInstanceOf(VaaException.class)
                .hasMessageContaining("Cannot find processed_conversations/ relative to")
                .hasMessageContaining("customer_data/<firm>/<campaign>/state_experiments/<file>.state.json");
    }

    @Test
    void conversationIsFoundByFileNameFirstThenByItsAudioStemField() {
        Path dir = AssistFixtures.campaign(ws);
        Campaign campaign = new Campaign(dir);
        assertThat(campaign.conversation("conv_1")).hasSize(8).first().isEqualTo(new Turn(1, "Hej, det er Mads fra Solenergi."));

        AssistFixtures.write(dir.resolve("processed_conversations/renamed_export.json"),
                "{\"audio_stem\": \"conv_9\", \"conversation\": {\"utterances\": [{\"speaker_id\": 2, \"cleaned_text\": \"Hallo\"},"
                        + " {\"speaker_id\": \"1\", \"text\": \"only raw text\"}]}}");
        assertThat(campaign.conversation("conv_9")).containsExactly(new Turn(2, "Hallo"), new Turn(1, "only raw text"));

        assertThatThrownBy(() -> campaign.conversation("conv_404")).isInstanceOf(VaaException.class)
                .hasMessageContaining("No processed conversation for conv_404");
    }

    @Test
    void speakerMapSaysWhetherSpeakerOneIsTheSellerDefaultingToYes() {
        Path dir = AssistFixtures.campaign(ws);
        AssistFixtures.write(dir.resolve("speaker_map.json"), "{\"a\": false, \"b\": true, \"c\": \"yes\"}");
        Campaign campaign = new Campaign(dir);
        assertThat(campaign.labels("a").label(1)).isEqualTo("Kunden");
        assertThat(campaign.labels("b").label(1)).isEqualTo("Sælger");
        assertThat(campaign.labels("c").label(1)).as("not a boolean").isEqualTo("Sælger");
        assertThat(campaign.labels("missing").label(1)).isEqualTo("Sælger");
    }

    @Test
    void stateFilesAreDiscoveredUnderCustomerDataSortedByRelativePath() {
        AssistFixtures.campaign(ws);
        AssistFixtures.write(ws.resolve("customer_data/a/b/state_experiments/z.state.json"), "{}");
        AssistFixtures.write(ws.resolve("customer_data/a/b/state_experiments/notes.json"), "{}");
        List<String> found = StateFiles.discover(ws).stream().map(p -> StateFiles.display(ws, p)).toList();
        assertThat(found).containsExactly("customer_data/a/b/state_experiments/z.state.json", AssistFixtures.STATE_REL);
    }
}
