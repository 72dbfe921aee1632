package dev.tasksservice.domain.model;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How often delivering a task is attempted, and how long to pause between attempts: exponential backoff with full
 * jitter, so that many tasks failing together do not retry together. Each task carries its own policy, chosen by the
 * client within the deployment's {@link RetryLimits}.
 *
 * @param maxAttempts attempts in all, the first included
 * @param initialBackoff the ceiling of the pause after the first failed attempt; it doubles after each further one
 * @param maxBackoff the highest ceiling a pause may reach
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** The seed's policy: 3 attempts, pauses up to 5 s, then 10 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofMinutes(5));

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "initialBackoff must not be negative and maxBackoff must be at least initialBackoff");
        }
    }

    /** The ceiling of the pause after failed attempt number {@code attempt} (1-based): initial x 2^(attempt-1), capped. */
    public Duration backoffCeiling(int attempt) {
        long ceiling = initialBackoff.toMillis();
        long max = maxBackoff.toMillis();
        for (int doubled = 1; doubled < attempt && ceiling < max; doubled++) {
            ceiling *= 2;
        }
        return Duration.ofMillis(Math.min(ceiling, maxBackoff.toMillis()));
    }

    /**
     * The pause after failed attempt number {@code attempt}: drawn evenly between zero and its ceiling (full jitter), but
     * at least what the target asked for with {@code Retry-After}, as far as the policy's maximum allows.
     *
     * @param retryAfter the pause the target asked for, or null
     */
    public Duration pauseAfter(int attempt, Duration retryAfter, RandomGenerator random) {
        long ceiling = backoffCeiling(attempt).toMillis();
        long jittered = ceiling == 0 ? 0 : random.nextLong(ceiling + 1);
        if (retryAfter != null && !retryAfter.isNegative()) {
            jittered = Math.max(jittered, Math.min(retryAfter.toMillis(), maxBackoff.toMillis()));
        }
        return Duration.ofMillis(jittered);
    }

    /** Whether another attempt follows failed attempt number {@code attempt}. */
    public boolean retriesAfter(int attempt) {
        return attempt < maxAttempts;
    }
}
