package dev.tasksservice.e2e;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Instants as the API writes them: ISO-8601, UTC, always with milliseconds. */
final class IsoTime {

    private static final DateTimeFormatter MILLIS_UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME_OF_DAY_UTC =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private IsoTime() {}

    static String format(Instant instant) {
        return MILLIS_UTC.format(instant);
    }

    /** Just the time of day in UTC, for report columns. */
    static String timeOfDay(Instant instant) {
        return TIME_OF_DAY_UTC.format(instant);
    }
}
