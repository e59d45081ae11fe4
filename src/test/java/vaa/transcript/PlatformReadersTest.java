package vaa.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformReadersTest {
    private final TranscriptReaders readers = new TranscriptReaders();

    private ReadResult.Read readOk(String sample) {
        ReadResult result = readers.read(Samples.path(sample));
        assertThat(result).isInstanceOf(ReadResult.Read.class);
        return (ReadResult.Read) result;
    }

    private static Path write(Path file, String json) throws IOException {
        return Files.writeString(file, json);
    }

    @Nested
    class Vapi {
        @Test
        void readsACallObjectSkippingSystemAndToolMessages() {
            ReadResult.Read read = readOk("vapi/outbound-call.json");
            Call call = read.call();

            assertThat(read.format()).isEqualTo(TranscriptFormat.VAPI);
            assertThat(call.id()).isEqualTo("3f1c6a52-8d2e-4b6f-9a11-0c7e5d2b9f40");
            assertThat(call.startedAt()).isEqualTo("2025-03-11T14:02:05.118Z");
            assertThat(call.durationS()).isEqualTo(67.786);
            assertThat(call.utterances()).extracting(Utterance::role)
                    .containsExactly(Role.AGENT, Role.CUSTOMER, Role.AGENT, Role.CUSTOMER, Role.AGENT, Role.CUSTOMER);
            assertThat(call.utterances()).extracting(Utterance::speaker).startsWith("bot", "user");
        }

        @Test
        void timesComeFromSecondsFromStartAndEndTimeOrDurationInMilliseconds() {
            Call call = readOk("vapi/outbound-call.json").call();

            assertThat(call.utterances().get(0)).isEqualTo(new Utterance(Role.AGENT, "bot",
                    "Hi, this is Riley from Brightline Dental. Am I speaking with Dana?", 1.284, 5.724));
            // no endTime on this one: duration (ms) gives the end
            assertThat(call.utterances().get(3).start()).isEqualTo(17.582);
            assertThat(call.utterances().get(3).end()).isEqualTo(18.762);
        }

        @Test
        void trimsMessageText() {
            assertThat(readOk("vapi/outbound-call.json").call().utterances().get(4).text())
                    .isEqualTo("You're all set for Thursday at three thirty. Anything else?");
        }

        @Test
        void keepsOutcomeFieldsAsMetadata() {
            Map<String, Object> metadata = readOk("vapi/outbound-call.json").call().metadata();

            assertThat(metadata.keySet()).containsExactly(
                    "type", "status", "endedReason", "customer", "assistantId", "phoneNumberId", "cost", "analysis");
            assertThat(metadata).contains(entry("endedReason", "customer-ended-call"), entry("cost", 0.1123));
            assertThat((Map<String, Object>) metadata.get("customer")).containsEntry("name", "Dana Whitfield");
        }

        @Test
        void aBlankOrNonTextIdFallsBackToTheFileName(@TempDir Path dir) throws IOException {
            String messages = "\"startedAt\": \"2025-03-11T14:02:05Z\", \"messages\": [{\"role\": \"bot\", \"message\": \"Hi\"}]";
            Path blank = write(dir.resolve("blank-id.json"), "{\"id\": \"\", " + messages + "}");
            Path object = write(dir.resolve("object-id.json"), "{\"id\": {}, " + messages + "}");

            assertThat(readers.read(blank)).isInstanceOfSatisfying(ReadResult.Read.class, r -> assertThat(r.call().id()).isEqualTo("blank-id"));
            assertThat(readers.read(object)).isInstanceOfSatisfying(ReadResult.Read.class, r -> assertThat(r.call().id()).isEqualTo("object-id"));
        }

        @Test
        void readsAnEndOfCallReportWebhook() {
            ReadResult.Read read = readOk("vapi/end-of-call-report.json");
            Call call = read.call();

            assertThat(read.format()).isEqualTo(TranscriptFormat.VAPI);
            assertThat(call.id()).isEqualTo("9e4d7b21-0f6a-4c3e-8d52-61b0a7f3c9e8");
            assertThat(call.durationS()).isEqualTo(40.25);
            assertThat(call.startedAt()).isEqualTo("2025-03-11T14:12:30.000Z");
            assertThat(call.metadata()).containsEntry("endedReason", "assistant-ended-call")
                    .containsEntry("type", "end-of-call-report");
            assertThat(call.utterances()).hasSize(3);
            assertThat(call.utterances().get(2).end()).isEqualTo(9.5);
        }
    }

    @Nested
    class Retell {
        @Test
        void readsTranscriptObjectWithWordTimings() {
            ReadResult.Read read = readOk("retell/inbound-call.json");
            Call call = read.call();

            assertThat(read.format()).isEqualTo(TranscriptFormat.RETELL);
            assertThat(call.id()).isEqualTo("call_4b8e1f0a27c94d6e93b5a1c2");
            assertThat(call.startedAt()).isEqualTo("2025-03-12T14:00:00.123Z");
            assertThat(call.durationS()).isEqualTo(61.35);
            assertThat(call.utterances()).hasSize(4);
            assertThat(call.utterances().get(0)).isEqualTo(new Utterance(Role.AGENT, "agent",
                    "Thanks for calling Northwind Internet, this is Ava. How can I help?", 0.412, 4.236));
            assertThat(call.utterances().get(1).role()).isEqualTo(Role.CUSTOMER);
            assertThat(call.utterances().get(1).speaker()).isEqualTo("user");
            // no words: no timing
            assertThat(call.utterances().get(3).start()).isNull();
        }

        @Test
        void keepsAnalysisAndDisconnectionReasonAsMetadata() {
            Map<String, Object> metadata = readOk("retell/inbound-call.json").call().metadata();

            assertThat(metadata).containsEntry("disconnection_reason", "user_hangup")
                    .containsEntry("metadata", Map.of("crm_account", "NW-44712"))
                    .containsKeys("call_analysis", "agent_id", "direction", "retell_llm_dynamic_variables");
            assertThat(metadata).doesNotContainKeys("from_number", "recording_url", "transcript");
        }

        @Test
        void readsACallEndedWebhookSkippingToolCalls() {
            Call call = readOk("retell/call-ended-webhook.json").call();

            assertThat(call.id()).isEqualTo("call_0c6f2d9a81b34e57a2d4f8e1");
            assertThat(call.durationS()).isEqualTo(12.5);
            assertThat(call.utterances()).extracting(Utterance::text)
                    .containsExactly("Hi! What can I do for you?", "Cancel my order please.", "Done, your order is cancelled.");
        }

        @Test
        void aCallWithoutTimestampsTakesItsDurationFromDurationMsOrHasNone(@TempDir Path dir) throws IOException {
            String turns = "\"transcript_object\": [{\"role\": \"agent\", \"content\": \"Hello\"}]";
            Path withDuration = write(dir.resolve("a.json"), "{\"call_id\": \"a\", \"duration_ms\": 4250, " + turns + "}");
            Path without = write(dir.resolve("b.json"), "{\"call_id\": \"b\", \"call_status\": \"error\", \"start_timestamp\": null, " + turns + "}");

            assertThat(readers.read(withDuration)).isInstanceOfSatisfying(ReadResult.Read.class, r -> {
                assertThat(r.call().durationS()).isEqualTo(4.25);
                assertThat(r.call().startedAt()).isNull();
            });
            assertThat(readers.read(without)).isInstanceOfSatisfying(ReadResult.Read.class,
                    r -> assertThat(r.call().durationS()).isNull());
        }

        @Test
        void fallsBackToThePlainTranscriptText() {
            Call call = readOk("retell/transcript-text-only.json").call();

            assertThat(call.durationS()).isEqualTo(21.4);
            assertThat(call.utterances()).extracting(Utterance::role)
                    .containsExactly(Role.AGENT, Role.CUSTOMER, Role.AGENT);
            assertThat(call.utterances().get(1).text()).isEqualTo("Hi, is there an outage in Springfield?");
        }
    }

    @Nested
    class Deepgram {
        @Test
        void readsUtterancesWithSpeakerZeroAsAgent() {
            ReadResult.Read read = readOk("deepgram/support-call.json");
            Call call = read.call();

            assertThat(read.format()).isEqualTo(TranscriptFormat.DEEPGRAM);
            assertThat(call.id()).isEqualTo("a7f3c2e1-5b94-4d0a-9c6e-2f81b3d7e049");
            assertThat(call.durationS()).isEqualTo(41.52);
            assertThat(call.utterances()).extracting(Utterance::role)
                    .containsExactly(Role.AGENT, Role.CUSTOMER, Role.AGENT);
            Utterance first = call.utterances().get(0);
            assertThat(first.speaker()).isEqualTo("Speaker 0");
            assertThat(first.start()).isEqualTo(0.32);
            assertThat(first.end()).isEqualTo(3.84);
            assertThat(first.metadata()).containsEntry("confidence", 0.97265625);
            assertThat(call.metadata()).containsEntry("created", "2025-02-03T09:14:27.512Z");
        }

        @Test
        void theAgentSpeakerIsConfigurable() {
            TranscriptReaders custom = new TranscriptReaders(ReaderOptions.defaults().withDeepgramAgentSpeaker(1));

            Call call = Samples.read(custom, "deepgram/support-call.json");

            assertThat(call.utterances()).extracting(Utterance::role)
                    .containsExactly(Role.CUSTOMER, Role.AGENT, Role.CUSTOMER);
        }

        @Test
        void withoutUtterancesGroupsDiarizedWordsBySpeaker() {
            Call call = readOk("deepgram/words-only.json").call();

            assertThat(call.utterances()).containsExactly(
                    new Utterance(Role.AGENT, "Speaker 0", "Hello, how can I help?", 0.1, 1.1),
                    new Utterance(Role.CUSTOMER, "Speaker 1", "My card was declined.", 2.0, 3.0));
        }

        @Test
        void withoutUtterancesOrDiarizationSaysWhatToRequest() {
            ReadResult result = readers.read(Samples.path("deepgram/no-diarization.json"));

            assertThat(result).isEqualTo(new ReadResult.Unreadable(Samples.path("deepgram/no-diarization.json"),
                    "Deepgram response has no results.utterances (request utterances=true&diarize=true)"));
        }
    }

    @Nested
    class PlainText {
        @Test
        void readsLabelledLinesTimestampsAndContinuations() {
            ReadResult.Read read = readOk("text/support-call.txt");
            Call call = read.call();

            assertThat(read.format()).isEqualTo(TranscriptFormat.TEXT);
            assertThat(call.id()).isEqualTo("support-call");
            assertThat(call.utterances()).containsExactly(
                    new Utterance(Role.AGENT, "Agent", "Thanks for calling Northwind Energy, this is Sam.", 0.0, null),
                    new Utterance(Role.CUSTOMER, "Customer",
                            "Hi Sam, I got a letter about a price change and I don't understand it.", 4.0, null),
                    new Utterance(Role.AGENT, "Agent", "Sure, let me pull up your account. Can I have your postcode?", 11.0, null),
                    new Utterance(Role.CUSTOMER, "Customer", "It's SW1A 1AA.", 15.0, null),
                    new Utterance(Role.AGENT, "Agent", "Thanks for waiting. Note: the new price starts in May.", 3727.5, null));
        }

        @Test
        void readsSeedStyleLabelsOnTheirOwnLine() {
            Call call = readOk("text/seed-style.txt").call();

            assertThat(call.utterances()).containsExactly(
                    new Utterance(Role.AGENT, "Sælger", "Hej, det er Mette fra Solvarme Danmark."),
                    new Utterance(Role.CUSTOMER, "Kunden", "Hej Mette."));
        }

        @Test
        void keepsUnknownLabelsAsOther() {
            Call call = readOk("text/plain-labels.txt").call();

            assertThat(call.utterances()).extracting(Utterance::role)
                    .containsExactly(Role.AGENT, Role.CUSTOMER, Role.AGENT, Role.OTHER);
            assertThat(call.utterances().get(3).speaker()).isEqualTo("Speaker 3");
        }

        @Test
        void textBeforeTheFirstLabelIsAnError() {
            ReadResult result = readers.read(Samples.path("text/preamble.txt"));

            assertThat(result).isInstanceOfSatisfying(ReadResult.Unreadable.class, u -> assertThat(u.reason())
                    .isEqualTo("line 1: expected 'Speaker: text' (e.g. 'Agent: Hello')"));
        }

        @Test
        void aJsonFileCanBeForcedToText() {
            ReadResult result = readers.read(Samples.path("retell/transcript-text-only.json"), Optional.of(TranscriptFormat.TEXT));

            // the whole JSON is one line that does not start with a short label
            assertThat(result).isInstanceOf(ReadResult.Unreadable.class);
        }
    }
}
