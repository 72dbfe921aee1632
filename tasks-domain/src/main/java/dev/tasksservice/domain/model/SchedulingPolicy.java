package dev.tasksservice.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The rules for when a task may be scheduled and when the pipeline picks it up.
 *
 * @param lookahead how long before its timestamp a task is handed to the workflow that waits for it
 * @param maxHorizon how far ahead a task may be scheduled
 */
public record SchedulingPolicy(Duration lookahead, Duration maxHorizon) {

    public static final Duration DEFAULT_LOOKAHEAD = Duration.ofSeconds(120);
    public static final Duration DEFAULT_MAX_HORIZON = Duration.ofDays(365);

    public SchedulingPolicy {
        Objects.requireNonNull(lookahead, "lookahead");
        Objects.requireNonNull(maxHorizon, "maxHorizon");
        if (lookahead.isNegative()) {
            throw new IllegalArgumentException("lookahead must not be negative");
        }
        if (!maxHorizon.isPositive()) {
            throw new IllegalArgumentException("maxHorizon must be positive");
        }
    }

    public static SchedulingPolicy defaults() {
        return new SchedulingPolicy(DEFAULT_LOOKAHEAD, DEFAULT_MAX_HORIZON);
    }

    /**
     * The instant a task asked for at {@code due} runs, checked against the rules. Instants are kept to the
     * millisecond, rounded up, so that storing one can never make a task run early.
     *
     * @throws InvalidTaskException when the instant is not in the future or lies beyond the horizon
     */
    public Instant timestampFor(DueTime due, Instant now) {
        Instant timestamp = Timestamps.ceilToMillis(due.resolve(now));
        if (!timestamp.isAfter(now)) {
            throw new InvalidTaskException(due.field(), "must be in the future");
        }
        if (timestamp.isAfter(now.plus(maxHorizon))) {
            throw new InvalidTaskException(due.field(), "must be at most " + maxHorizon.toDays() + " days ahead");
        }
        return timestamp;
    }

    /** The epoch second from which the pipeline may pick up a task due at {@code timestamp}. */
    public long startExecutionAt(Instant timestamp) {
        return timestamp.minus(lookahead).getEpochSecond();
    }
}
