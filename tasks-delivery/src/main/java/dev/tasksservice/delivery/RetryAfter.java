package dev.tasksservice.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a {@code Retry-After} header: delta-seconds or an HTTP-date (RFC 9110, section 10.2.3). */
final class RetryAfter {

    /** The longest pause read; the task's retry policy caps it much lower, this only keeps the arithmetic safe. */
    static final Duration LONGEST = Duration.ofDays(365);

    private RetryAfter() {}

    /** The pause {@code value} asks for, counted from {@code now}; null when there is none or it is not readable. */
    static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // More digits than a long holds is longer than anything kept anyway.
            return text.length() > 12 ? LONGEST : shorter(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration pause = Duration.between(now, at);
            return pause.isNegative() ? Duration.ZERO : shorter(pause);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration shorter(Duration pause) {
        return pause.compareTo(LONGEST) > 0 ? LONGEST : pause;
    }
}
