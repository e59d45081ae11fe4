package vaa.agree;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vaa.VaaException;
import vaa.io.Json;
import vaa.run.Run;
import vaa.transcript.Call;
import vaa.transcript.ReadResult;
import vaa.transcript.Role;
import vaa.transcript.TranscriptFormat;
import vaa.transcript.TranscriptReaders;
import vaa.transcript.Utterance;

/**
 * For a call where judge and label disagree: the judge's reason and a line to check it against. The line is
 * the judge's own verbatim quote where the field has one (a friction point's), else the transcript line that
 * decides the field: the utterance an agent error points at, the customer's first words for the starting
 * sentiment, their last for the ending one, and the call's last line for how it ended. Files are read only for
 * disagreeing calls, once each.
 */
final class Evidence {
    private static final int MAX_QUOTE = 300;

    private final Run run;
    private final TranscriptReaders readers = new TranscriptReaders();
    private final Map<String, JsonNode> judgements = new HashMap<>();
    private final Map<String, List<Utterance>> transcripts = new HashMap<>();

    Evidence(Run run) {
        this.run = run;
    }

    Agreement.Disagreement of(String callId, JudgedField field, String label, String judge, String reviewer) {
        JsonNode j = judgement(callId);
        return new Agreement.Disagreement(callId, label, judge, reviewer, field.reason(j), quote(callId, field, j));
    }

    private String quote(String callId, JudgedField field, JsonNode j) {
        JsonNode friction = j.path("friction_points").path(0).path("quote");
        if (field == JudgedField.FRICTION && friction.isTextual()) {
            return clip("\"" + friction.asText() + "\"");
        }
        List<Utterance> lines = transcript(callId);
        int at = switch (field) {
            case AGENT_ERROR -> j.path("agent_errors").path(0).path("utterance_index").asInt(-1);
            case SENTIMENT_START -> firstOf(lines, Role.CUSTOMER, false);
            case SENTIMENT_END -> firstOf(lines, Role.CUSTOMER, true);
            default -> lines.size() - 1;
        };
        if (at < 0 || at >= lines.size()) {
            return null;
        }
        Utterance u = lines.get(at);
        return clip("[" + at + "] " + u.speaker() + ": " + u.text());
    }

    private static int firstOf(List<Utterance> lines, Role role, boolean fromEnd) {
        for (int k = 0; k < lines.size(); k++) {
            int i = fromEnd ? lines.size() - 1 - k : k;
            if (lines.get(i).role() == role) {
                return i;
            }
        }
        return -1;
    }

    private static String clip(String s) {
        return s.length() <= MAX_QUOTE ? s : s.substring(0, MAX_QUOTE - 1) + "…";
    }

    private JsonNode judgement(String callId) {
        return judgements.computeIfAbsent(callId, id -> {
            Path file = run.analysesDir().resolve(id + ".json");
            try {
                return Json.MAPPER.readTree(file.toFile()).path("judgement");
            } catch (IOException e) {
                throw VaaException.failure("Cannot read " + file + " again (it was read a moment ago): " + e.getMessage(), e);
            }
        });
    }

    private List<Utterance> transcript(String callId) {
        return transcripts.computeIfAbsent(callId, id -> call(id).map(Call::utterances).orElse(List.of()));
    }

    /** The run's canonical copy of a call, when it has a readable one. */
    Optional<Call> call(String callId) {
        Path file = run.sampledDir().resolve(callId + ".json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        ReadResult r = readers.read(file, Optional.of(TranscriptFormat.CANONICAL));
        return r instanceof ReadResult.Read read ? Optional.of(read.call()) : Optional.empty();
    }
}
