package vaa.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Deepgram pre-recorded ({@code /v1/listen}) response. Utterances come from {@code results.utterances[]}
 * (requested with {@code utterances=true}; {@code speaker} needs {@code diarize=true}, otherwise the
 * {@code channel} stands in for it); without them, consecutive diarized words of the first channel are grouped
 * by speaker. The agent is the speaker (or channel) configured in {@link ReaderOptions#deepgramAgentSpeaker()},
 * 0 by default; every other speaker is the customer.
 */
final class DeepgramReader implements JsonTranscriptReader {
    private final int agentSpeaker;

    DeepgramReader(int agentSpeaker) {
        this.agentSpeaker = agentSpeaker;
    }

    @Override
    public Call read(JsonNode root, Path file) {
        JsonNode results = root.path("results");
        if (!results.isObject()) {
            throw new NotATranscriptException("Deepgram response has no results");
        }
        JsonNode meta = root.path("metadata");
        String id = JsonFields.text(meta, "request_id", "metadata.");
        Map<String, Object> metadata = new LinkedHashMap<>();
        JsonFields.copyPresent(meta, metadata, "created", "models", "channels");
        List<Utterance> utterances = results.path("utterances").isArray()
                ? fromUtterances(results.path("utterances"))
                : fromWords(results.path("channels").path(0).path("alternatives").path(0).path("words"));
        return new Call(id == null || id.isBlank() ? JsonTranscriptReader.stem(file) : id,
                null, JsonFields.number(meta, "duration", "metadata."), metadata, utterances);
    }

    private List<Utterance> fromUtterances(JsonNode items) {
        List<Utterance> utterances = new ArrayList<>();
        int index = 0;
        for (JsonNode u : items) {
            String where = "utterance " + index++ + ": ";
            String text = JsonFields.text(u, "transcript", where);
            if (text == null || text.isBlank()) {
                continue;
            }
            JsonNode speaker = u.has("speaker") ? u.get("speaker") : u.get("channel");
            if (speaker == null || !speaker.isIntegralNumber()) {
                throw new NotATranscriptException(where + "speaker must be an integer (request diarize=true)");
            }
            Map<String, Object> extras = new LinkedHashMap<>();
            JsonFields.copyPresent(u, extras, "confidence");
            utterances.add(new Utterance(role(speaker.intValue()), "Speaker " + speaker.intValue(), text.strip(),
                    JsonFields.number(u, "start", where), JsonFields.number(u, "end", where), extras));
        }
        return utterances;
    }

    private List<Utterance> fromWords(JsonNode words) {
        if (!words.isArray() || words.isEmpty() || !words.get(0).has("speaker")) {
            throw new NotATranscriptException(
                    "Deepgram response has no results.utterances (request utterances=true&diarize=true)");
        }
        List<Utterance> utterances = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int speaker = -1;
        Double start = null;
        Double end = null;
        for (JsonNode w : words) {
            int s = w.path("speaker").asInt(-1);
            if (s != speaker && text.length() > 0) {
                utterances.add(new Utterance(role(speaker), "Speaker " + speaker, text.toString(), start, end));
                text.setLength(0);
            }
            if (text.length() == 0) {
                speaker = s;
                start = JsonFields.number(w, "start", "word: ");
            } else {
                text.append(' ');
            }
            text.append(w.has("punctuated_word") ? w.get("punctuated_word").asText() : w.path("word").asText());
            end = JsonFields.number(w, "end", "word: ");
        }
        if (text.length() > 0) {
            utterances.add(new Utterance(role(speaker), "Speaker " + speaker, text.toString(), start, end));
        }
        return utterances;
    }

    private Role role(int speaker) {
        return speaker == agentSpeaker ? Role.AGENT : Role.CUSTOMER;
    }
}
