package dev.tasksservice.domain.model;

import java.time.Duration;
import java.util.Objects;

/**
 * The deployment's rules for the retry policies that clients choose: the policy a task gets when it names none (or
 * leaves parts out), and the ceilings a task's policy must stay within.
 *
 * @param defaults the policy of a task that names none, and the source of the parts a task leaves out
 * @param maxAttempts the most attempts a task may ask for
 * @param maxBackoff the longest pause a task may ask for
 */
public record RetryLimits(RetryPolicy defaults, int maxAttempts, Duration maxBackoff) {

    public static final int MAX_ATTEMPTS = 20;
    public static final Duration MIN_BACKOFF = Duration.ofMillis(100);

    public static final RetryLimits DEFAULT = new RetryLimits(RetryPolicy.DEFAULT, MAX_ATTEMPTS, Duration.ofHours(1));

    public RetryLimits {
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS || defaults.maxAttempts() > maxAttempts) {
            throw new IllegalArgumentException("maxAttempts must be between the default's and " + MAX_ATTEMPTS);
        }
        if (defaults.maxBackoff().compareTo(maxBackoff) > 0) {
            throw new IllegalArgumentException("the default maxBackoff must not exceed the ceiling");
        }
    }

    /**
     * The policy for a task that asked for {@code requested}: its parts, checked against the ceilings, and the
     * defaults for the parts it left out (null).
     *
     * @throws InvalidTaskException naming {@code retry.<part>} when a part is out of bounds
     */
    public RetryPolicy resolve(Integer attempts, Long initialBackoffMs, Long maxBackoffMs) {
        int resolvedAttempts = attempts == null ? defaults.maxAttempts() : attempts;
        if (resolvedAttempts < 1 || resolvedAttempts > maxAttempts) {
            throw new InvalidTaskException("retry.maxAttempts", "must be between 1 and " + maxAttempts);
        }
        Duration initial = initialBackoffMs == null
                ? defaults.initialBackoff()
                : backoff("retry.initialBackoffMs", initialBackoffMs);
        Duration max;
        if (maxBackoffMs != null) {
            max = backoff("retry.maxBackoffMs", maxBackoffMs);
        } else {
            max = defaults.maxBackoff().compareTo(initial) < 0 ? initial : defaults.maxBackoff();
        }
        if (max.compareTo(initial) < 0) {
            throw new InvalidTaskException("retry.maxBackoffMs", "must be at least initialBackoffMs");
        }
        return new RetryPolicy(resolvedAttempts, initial, max);
    }

    private Duration backoff(String field, long millis) {
        if (millis < MIN_BACKOFF.toMillis() || millis > maxBackoff.toMillis()) {
            throw new InvalidTaskException(
                    field, "must be between " + MIN_BACKOFF.toMillis() + " and " + maxBackoff.toMillis());
        }
        return Duration.ofMillis(millis);
    }
}
