package vaa.run;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Timestamps as the seed writes them: local time, ISO-8601, seconds precision. */
final class Times {
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private Times() {}

    static String now(Clock clock) {
        return format(LocalDateTime.now(clock));
    }

    static String format(LocalDateTime t) {
        return ISO_SECONDS.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}
