package dev.tasksservice.domain.schedule;

/**
 * The retry policy a client asks for; a part left null takes the deployment's default.
 *
 * @param maxAttempts attempts in all, 1 to the deployment's ceiling (20 at most)
 * @param initialBackoffMs the ceiling of the first pause
 * @param maxBackoffMs the highest ceiling a pause may reach
 */
public record RetryRequest(Integer maxAttempts, Long initialBackoffMs, Long maxBackoffMs) {

    /** Every part left to the deployment's defaults. */
    public static final RetryRequest DEFAULTS = new RetryRequest(null, null, null);
}
