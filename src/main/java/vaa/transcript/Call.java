package vaa.transcript;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One transcribed call, whatever format it came from. Immutable, metadata included (deep copies).
 *
 * @param id         the call's id (platform id, audio stem or file stem)
 * @param startedAt  ISO-8601 start time as given or derived (e.g. {@code 2020-06-02T00:48:41.329Z}); null if unknown
 * @param durationS  call length in seconds; null if unknown
 * @param metadata   source fields worth keeping (outcome, customer, task...); never null, insertion-ordered
 * @param utterances turns in source order; never null
 */
public record Call(String id, String startedAt, Double durationS, Map<String, Object> metadata, List<Utterance> utterances) {

    public Call {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("call id must not be blank");
        }
        metadata = Values.immutableMap(metadata);
        utterances = utterances == null ? List.of() : List.copyOf(utterances);
    }

    public Call(String id, List<Utterance> utterances) {
        this(id, null, null, Map.of(), utterances);
    }

    /** The start time as an instant, when {@link #startedAt()} is present and parses as ISO-8601 with an offset. */
    public Optional<Instant> startInstant() {
        return Times.parseIso(startedAt);
    }
}
