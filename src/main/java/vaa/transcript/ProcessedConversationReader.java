package vaa.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 002's processed conversations: {@code {"audio_stem", "conversation": {"utterances": [{"speaker_id",
 * "cleaned_text"}]}}}, with roles from the campaign's speaker map. Every utterance is kept, empty ones too, because
 * state experiments address utterances by index.
 */
final class ProcessedConversationReader implements JsonTranscriptReader {
    private final SpeakerLabels labels;
    private final SpeakerMaps speakerMaps;

    ProcessedConversationReader(SpeakerLabels labels, SpeakerMaps speakerMaps) {
        this.labels = labels;
        this.speakerMaps = speakerMaps;
    }

    @Override
    public Call read(JsonNode root, Path file) {
        if (!root.isObject()) {
            throw new NotATranscriptException("processed conversation must be a JSON object");
        }
        JsonNode utterancesNode = root.path("conversation").path("utterances");
        if (!utterancesNode.isArray()) {
            throw new NotATranscriptException("conversation.utterances must be a JSON array");
        }
        String stem = JsonFields.text(root, "audio_stem", "");
        String id = stem == null || stem.isBlank() ? JsonTranscriptReader.stem(file) : stem;
        boolean speakerOneIsSeller = speakerMaps.speakerOneIsSeller(SpeakerMaps.campaignDirOf(file), id);

        List<Utterance> utterances = new ArrayList<>(utterancesNode.size());
        int index = 0;
        for (JsonNode u : utterancesNode) {
            String where = "utterance " + index + ": ";
            if (!u.isObject()) {
                throw new NotATranscriptException(where + "must be a JSON object");
            }
            JsonNode speakerId = u.get("speaker_id");
            if (speakerId == null || !speakerId.isIntegralNumber() || !speakerId.canConvertToInt()) {
                throw new NotATranscriptException(where + "speaker_id must be an integer");
            }
            String text = JsonFields.text(u, "cleaned_text", where);
            if (text == null) {
                text = JsonFields.text(u, "text", where);
            }
            utterances.add(utterance(speakerId.intValue(), speakerOneIsSeller, text == null ? "" : text,
                    JsonFields.number(u, "start", where), JsonFields.number(u, "end", where)));
            index++;
        }

        // Everything beside audio_stem and conversation is metadata; a "metadata" object is merged in flat.
        Map<String, Object> metadata = new LinkedHashMap<>();
        root.fields().forEachRemaining(e -> {
            switch (e.getKey()) {
                case "audio_stem", "conversation" -> { }
                case "metadata" -> metadata.putAll(JsonFields.objectAsMap(e.getValue(), "metadata"));
                default -> metadata.put(e.getKey(), JsonFields.plain(e.getValue()));
            }
        });
        return new Call(id, null, null, metadata, utterances);
    }

    private Utterance utterance(int speakerId, boolean speakerOneIsSeller, String text, Double start, Double end) {
        boolean seller = speakerId == 1 && speakerOneIsSeller || speakerId == 2 && !speakerOneIsSeller;
        boolean customer = speakerId == 1 && !speakerOneIsSeller || speakerId == 2 && speakerOneIsSeller;
        if (seller) {
            return new Utterance(Role.AGENT, labels.seller(), text, start, end);
        }
        if (customer) {
            return new Utterance(Role.CUSTOMER, labels.customer(), text, start, end);
        }
        return new Utterance(Role.OTHER, "Speaker " + speakerId, text, start, end);
    }
}
