package dev.tasksservice.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long a finished task (COMPLETED, FAILED or CANCELLED) is kept: a client can still read it for this long after
 * it became final, and then it expires. The rule is the same in every runtime; the store keeps the expiry with the task
 * and removes it (on AWS, DynamoDB's time to live does).
 *
 * @param period how long after its final change a task is kept
 */
public record Retention(Duration period) {

    public static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

    public static final Retention DEFAULT = new Retention(DEFAULT_PERIOD);

    public Retention {
        Objects.requireNonNull(period, "period");
        if (!period.isPositive()) {
            throw new IllegalArgumentException("retention must be positive: " + period);
        }
    }

    /**
     * The epoch second from which a task that became {@code status} at {@code at} has expired, rounded up so that it is
     * never kept for less than the period; null when {@code status} is not final, as a task that may still change
     * never expires.
     */
    public Long expiresAt(TaskStatus status, Instant at) {
        if (!status.isFinal()) {
            return null;
        }
        Instant end = at.plus(period);
        return end.getNano() == 0 ? end.getEpochSecond() : end.getEpochSecond() + 1;
    }

    /** Whether a task whose expiry is {@code expiresAt} (an epoch second) has expired at {@code now}. */
    public static boolean expired(long expiresAt, Instant now) {
        return now.getEpochSecond() >= expiresAt;
    }
}
