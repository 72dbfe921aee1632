package dev.tasksservice.domain.model;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The one text form of an instant on the wire and in storage: ISO-8601, UTC, milliseconds, e.g. 2030-01-01T10:00:00.000Z. */
public final class Timestamps {

    private static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static String format(Instant instant) {
        return UTC_MILLIS.format(instant);
    }

    public static Instant parse(String text) {
        return Instant.parse(text);
    }

    /** The current instant as a task records it: to the millisecond, like its text form. */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** {@code instant} kept to the millisecond, rounded up, so that storing it can never make a task run early. */
    public static Instant ceilToMillis(Instant instant) {
        Instant truncated = instant.truncatedTo(ChronoUnit.MILLIS);
        return truncated.equals(instant) ? instant : truncated.plusMillis(1);
    }
}
