package vaa.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessedConversationReaderTest {
    private static final String CAMPAIGN = "processed/solar-campaign/processed_conversations/";

    @Test
    void speakerMapTrueMakesSpeakerOneTheSeller() {
        Call call = Samples.read(CAMPAIGN + "conv_seller_first.json");

        assertThat(call.id()).isEqualTo("conv_seller_first");
        assertThat(call.utterances()).extracting(Utterance::role)
                .containsExactly(Role.AGENT, Role.CUSTOMER, Role.AGENT, Role.CUSTOMER, Role.CUSTOMER, Role.OTHER);
        assertThat(call.utterances()).extracting(Utterance::speaker)
                .containsExactly("Sælger", "Kunden", "Sælger", "Kunden", "Kunden", "Speaker 3");
    }

    @Test
    void speakerMapFalseMakesSpeakerTwoTheSeller() {
        Call call = Samples.read(CAMPAIGN + "conv_customer_first.json");

        assertThat(call.utterances()).extracting(Utterance::role)
                .containsExactly(Role.CUSTOMER, Role.AGENT, Role.CUSTOMER);
        assertThat(call.utterances().get(1).speaker()).isEqualTo("Sælger");
    }

    @Test
    void aConversationMissingFromTheMapHasSpeakerOneAsSeller() {
        assertThat(Samples.read(CAMPAIGN + "conv_not_in_map.json").utterances().get(0).role()).isEqualTo(Role.AGENT);
    }

    @Test
    void aNonBooleanMapEntryCountsAsMissing() {
        assertThat(Samples.read(CAMPAIGN + "conv_not_boolean.json").utterances().get(0).role()).isEqualTo(Role.AGENT);
    }

    @Test
    void aCampaignWithoutSpeakerMapHasSpeakerOneAsSeller() {
        Call call = Samples.read("processed/no-map-campaign/processed_conversations/conv_a.json");

        assertThat(call.utterances()).extracting(Utterance::role).containsExactly(Role.AGENT, Role.CUSTOMER);
    }

    @Test
    void anInvalidSpeakerMapMakesTheConversationUnreadableWithTheReason() {
        ReadResult result = new TranscriptReaders()
                .read(Samples.path("processed/bad-map-campaign/processed_conversations/conv_b.json"));

        assertThat(result).isInstanceOfSatisfying(ReadResult.Unreadable.class,
                u -> assertThat(u.reason()).startsWith("invalid speaker_map.json: Unexpected end-of-input"));
    }

    @Test
    void labelsAreConfigurable() {
        TranscriptReaders readers = new TranscriptReaders(
                ReaderOptions.defaults().withSpeakerLabels(new SpeakerLabels("Seller", "Customer")));

        Call call = Samples.read(readers, CAMPAIGN + "conv_customer_first.json");

        assertThat(call.utterances()).extracting(Utterance::speaker).containsExactly("Customer", "Seller", "Customer");
    }

    @Test
    void keepsEmptyUtterancesSoIndexesMatchStateExperiments() {
        Call call = Samples.read(CAMPAIGN + "conv_seller_first.json");

        assertThat(call.utterances()).hasSize(6);
        assertThat(call.utterances().get(3).text()).isEmpty();
        assertThat(call.utterances().get(4).text()).isEqualTo("Det lyder dyrt. Vi har lige fået nyt tag.");
    }

    @Test
    void otherTopLevelFieldsBecomeMetadataWithTheMetadataObjectMergedFlat() {
        Call call = Samples.read(CAMPAIGN + "conv_seller_first.json");

        assertThat(call.metadata()).containsExactly(
                org.assertj.core.api.Assertions.entry("campaign", "solar-b2c"),
                org.assertj.core.api.Assertions.entry("duration_s", 212.4),
                org.assertj.core.api.Assertions.entry("language", "da"));
    }

    @Test
    void withoutAudioStemTheFileStemIsTheId() {
        Call call = Samples.read(CAMPAIGN + "no_audio_stem.json");

        assertThat(call.id()).isEqualTo("no_audio_stem");
        assertThat(call.utterances().get(1).role()).isEqualTo(Role.AGENT);
    }

    @Test
    void theSpeakerMapIsLoadedOncePerCampaign(@TempDir Path dir) throws IOException {
        Path conversations = Files.createDirectories(dir.resolve("processed_conversations"));
        Files.writeString(dir.resolve("speaker_map.json"), "{\"a\": false}");
        Path file = conversations.resolve("a.json");
        Files.writeString(file, "{\"audio_stem\":\"a\",\"conversation\":{\"utterances\":[{\"speaker_id\":1,\"cleaned_text\":\"Hej\"}]}}");
        TranscriptReaders readers = new TranscriptReaders();
        assertThat(((ReadResult.Read) readers.read(file)).call().utterances().get(0).role()).isEqualTo(Role.CUSTOMER);

        Files.writeString(dir.resolve("speaker_map.json"), "{\"a\": true}");

        assertThat(((ReadResult.Read) readers.read(file)).call().utterances().get(0).role()).isEqualTo(Role.CUSTOMER);
        assertThat(((ReadResult.Read) new TranscriptReaders().read(file)).call().utterances().get(0).role())
                .isEqualTo(Role.AGENT);
    }

    @Test
    void concurrentReadsOfOneCampaignAgree() throws Exception {
        TranscriptReaders readers = new TranscriptReaders();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ReadResult>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String name = i % 2 == 0 ? "conv_seller_first.json" : "conv_customer_first.json";
                futures.add(pool.submit(() -> readers.read(Samples.path(CAMPAIGN + name), Optional.empty())));
            }
            for (int i = 0; i < futures.size(); i++) {
                Call call = ((ReadResult.Read) futures.get(i).get()).call();
                assertThat(call.utterances().get(0).role()).isEqualTo(i % 2 == 0 ? Role.AGENT : Role.CUSTOMER);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void campaignDirIsTheParentOfProcessedConversations() {
        assertThat(SpeakerMaps.campaignDirOf(Path.of("/data/firm/camp/processed_conversations/x.json")))
                .isEqualTo(Path.of("/data/firm/camp"));
        assertThat(SpeakerMaps.campaignDirOf(Path.of("/data/loose/x.json"))).isEqualTo(Path.of("/data/loose"));
    }
}
