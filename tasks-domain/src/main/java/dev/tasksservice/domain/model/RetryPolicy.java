package dev.tasksservice.domain.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How often running a task is attempted before it is marked FAILED. The one definition read by every workflow: the
 * local timer and the Step Functions state machine.
 *
 * @param maxAttempts attempts in all, the first included
 * @param interval the pause before the first retry
 * @param backoffRate the factor each further pause grows by
 */
public record RetryPolicy(int maxAttempts, Duration interval, double backoffRate) {

    /** The seed's policy: 3 attempts, 5 s apart. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(5), 1.0);

    public RetryPolicy {
        Objects.requireNonNull(interval, "interval");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (interval.isNegative() || backoffRate < 1.0) {
            throw new IllegalArgumentException("interval must not be negative and backoffRate must be at least 1");
        }
    }

    /** The pause after failed attempt number {@code attempt} (1-based) before the next one. */
    public Duration pauseAfter(int attempt) {
        return Duration.ofMillis((long) (interval.toMillis() * Math.pow(backoffRate, attempt - 1)));
    }

    /** Whether another attempt follows failed attempt number {@code attempt}. */
    public boolean retriesAfter(int attempt) {
        return attempt < maxAttempts;
    }
}
