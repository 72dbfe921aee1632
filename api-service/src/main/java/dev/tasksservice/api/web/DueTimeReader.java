package dev.tasksservice.api.web;

import dev.tasksservice.domain.model.DueTime;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads when a task is due from a request body: {@code "timestamp"} (ISO-8601 with an offset), or the seed's
 * {@code "hours"}, {@code "minutes"} and {@code "seconds"} (whole, non-negative, summed, more than zero).
 */
final class DueTimeReader {

    static final String RELATIVE_FIELDS = "hours/minutes/seconds";
    static final List<String> FIELDS = List.of("timestamp", "hours", "minutes", "seconds");
    private static final List<String> UNITS = List.of("hours", "minutes", "seconds");
    private static final long MAX_UNIT_VALUE = 1_000_000_000L;

    private DueTimeReader() {}

    /** Whether {@code body} gives a due time at all. */
    static boolean given(JsonNode body) {
        return FIELDS.stream().anyMatch(body::has);
    }

    /** The due time {@code body} gives; one must be given. */
    static DueTime read(JsonNode body) {
        boolean relative = UNITS.stream().anyMatch(body::has);
        if (body.has("timestamp") && relative) {
            throw new InvalidRequestException("timestamp", "give either timestamp or hours/minutes/seconds, not both");
        }
        if (body.has("timestamp")) {
            return DueTime.at(instant(body.get("timestamp")));
        }
        if (!relative) {
            throw new InvalidRequestException(
                    "timestamp", "is required, unless the delay is given as hours/minutes/seconds");
        }
        Duration delay = Duration.ofHours(unit(body, "hours"))
                .plusMinutes(unit(body, "minutes"))
                .plusSeconds(unit(body, "seconds"));
        if (delay.isZero()) {
            throw new InvalidRequestException(RELATIVE_FIELDS, "the total delay must be greater than zero");
        }
        return DueTime.after(delay);
    }

    private static Instant instant(JsonNode timestamp) {
        String reason = "must be an ISO-8601 date-time with an offset, e.g. 2030-01-01T10:00:00.000Z";
        if (!timestamp.isString()) {
            throw new InvalidRequestException("timestamp", reason);
        }
        try {
            return OffsetDateTime.parse(timestamp.stringValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("timestamp", reason);
        }
    }

    private static long unit(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null) {
            return 0;
        }
        long units = JsonFields.wholeNumber(value, name);
        if (units > MAX_UNIT_VALUE) {
            throw new InvalidRequestException(name, "is too large");
        }
        if (units < 0) {
            throw new InvalidRequestException(name, "must not be negative");
        }
        return units;
    }
}
