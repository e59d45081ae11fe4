package vaa.transcript;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Time conversions shared by the readers: ISO-8601 strings, epoch milliseconds, seconds rounded to the millisecond. */
final class Times {
    private Times() {}

    static Optional<Instant> parseIso(String iso) {
        if (iso == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(iso).toInstant());
        } catch (DateTimeParseException e) {
            // not ISO-8601 with an offset: the time is unknown to callers, the raw text stays where it was
            return Optional.empty();
        }
    }

    static Double secondsBetween(String startIso, String endIso) {
        return parseIso(startIso)
                .flatMap(s -> parseIso(endIso).map(e -> seconds(e.toEpochMilli() - s.toEpochMilli())))
                .filter(d -> d >= 0)
                .orElse(null);
    }

    static String isoFromEpochMillis(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }

    static double seconds(long millis) {
        return millis / 1000.0;
    }

    /** Rounds sums of seconds to whole milliseconds, so 1.2 + 0.09 is written 1.29, not 1.2899999999999998. */
    static double round(double seconds) {
        return Math.round(seconds * 1000.0) / 1000.0;
    }
}
