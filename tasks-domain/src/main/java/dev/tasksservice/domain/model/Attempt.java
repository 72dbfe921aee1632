package dev.tasksservice.domain.model;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One attempt to deliver a task, as the task's history keeps it.
 *
 * @param number the attempt's number, 1-based
 * @param startedAt when the delivery began
 * @param duration how long it took
 * @param outcome what became of it
 * @param httpStatus the status the target answered with, or null (no HTTP target, or no answer)
 * @param error why it failed, at most {@link #MAX_ERROR_BYTES} bytes; null when it succeeded
 * @param nextAttemptAt when the next attempt is due, or null when none follows
 */
public record Attempt(
        int number,
        Instant startedAt,
        Duration duration,
        AttemptOutcome outcome,
        Integer httpStatus,
        String error,
        Instant nextAttemptAt) {

    /** The longest error kept, in bytes of UTF-8. */
    public static final int MAX_ERROR_BYTES = 1024;

    public Attempt {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(outcome, "outcome");
        if (number < 1) {
            throw new IllegalArgumentException("number must be at least 1");
        }
        error = truncated(error);
    }

    /** {@code text} cut to at most {@link #MAX_ERROR_BYTES} bytes of UTF-8, on a character boundary. */
    public static String truncated(String text) {
        if (text == null) {
            return null;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_ERROR_BYTES) {
            return text;
        }
        int end = MAX_ERROR_BYTES;
        // Step back over continuation bytes so no character is cut in two.
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
