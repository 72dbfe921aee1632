package dev.tasksservice.api.config;

import dev.tasksservice.domain.model.RetryLimits;
import dev.tasksservice.domain.model.RetryPolicy;
import dev.tasksservice.domain.model.TargetRules;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The deployment's rules for the targets and retry policies that clients choose, under {@code tasks.*}; environment
 * variables bind to them by name (see {@code tasks-api.properties}). Read as text so that a bad value stops the start
 * with a message naming its variable.
 *
 * @param retry the default retry policy and the ceilings of a task's own
 * @param target the internal hosts targets may reach and the queues they may name
 * @param defaultTarget {@code TASKS_DEFAULT_TARGET}: where a task without a target goes; blank for nowhere (logged)
 */
@ConfigurationProperties("tasks")
public record TargetAndRetrySettings(
        @DefaultValue Retry retry, @DefaultValue Targets target, String defaultTarget) {

    /**
     * @param maxAttempts {@code TASKS_RETRY_MAX_ATTEMPTS}: attempts of a task that names none
     * @param initialBackoffMs {@code TASKS_RETRY_INITIAL_BACKOFF_MS}: the first pause's ceiling of such a task
     * @param maxBackoffMs {@code TASKS_RETRY_MAX_BACKOFF_MS}: the highest pause ceiling of such a task
     * @param attemptsCeiling {@code TASKS_RETRY_ATTEMPTS_CEILING}: the most attempts a task may ask for, 20 at most
     * @param backoffCeilingMs {@code TASKS_RETRY_BACKOFF_CEILING_MS}: the longest pause a task may ask for
     */
    public record Retry(
            @DefaultValue("3") String maxAttempts,
            @DefaultValue("5000") String initialBackoffMs,
            @DefaultValue("300000") String maxBackoffMs,
            @DefaultValue("20") String attemptsCeiling,
            @DefaultValue("3600000") String backoffCeilingMs) {}

    /**
     * @param allow {@code TASKS_TARGET_ALLOW}: internal hosts and networks targets may reach, comma-separated
     * @param queues {@code TASKS_TARGET_QUEUES}: queue URL prefixes queue targets may name, comma-separated, or *
     */
    public record Targets(String allow, String queues) {}

    /**
     * The retry rules these settings describe.
     *
     * @throws IllegalArgumentException naming the variable at fault
     */
    public RetryLimits retryLimits() {
        long ceiling = number(retry.attemptsCeiling(), "TASKS_RETRY_ATTEMPTS_CEILING", "tasks.retry.attempts-ceiling");
        long attempts = number(retry.maxAttempts(), "TASKS_RETRY_MAX_ATTEMPTS", "tasks.retry.max-attempts");
        long backoffCeiling =
                number(retry.backoffCeilingMs(), "TASKS_RETRY_BACKOFF_CEILING_MS", "tasks.retry.backoff-ceiling-ms");
        long initial =
                number(retry.initialBackoffMs(), "TASKS_RETRY_INITIAL_BACKOFF_MS", "tasks.retry.initial-backoff-ms");
        long max = number(retry.maxBackoffMs(), "TASKS_RETRY_MAX_BACKOFF_MS", "tasks.retry.max-backoff-ms");
        require(
                ceiling >= 1 && ceiling <= RetryLimits.MAX_ATTEMPTS,
                "TASKS_RETRY_ATTEMPTS_CEILING must be between 1 and " + RetryLimits.MAX_ATTEMPTS + ", got " + ceiling);
        require(
                attempts >= 1 && attempts <= ceiling,
                "TASKS_RETRY_MAX_ATTEMPTS must be between 1 and TASKS_RETRY_ATTEMPTS_CEILING (" + ceiling + "), got "
                        + attempts);
        require(
                backoffCeiling >= RetryLimits.MIN_BACKOFF.toMillis(),
                "TASKS_RETRY_BACKOFF_CEILING_MS must be at least " + RetryLimits.MIN_BACKOFF.toMillis() + ", got "
                        + backoffCeiling);
        require(initial >= 0, "TASKS_RETRY_INITIAL_BACKOFF_MS must not be negative, got " + initial);
        require(
                max >= initial && max <= backoffCeiling,
                "TASKS_RETRY_MAX_BACKOFF_MS must be between TASKS_RETRY_INITIAL_BACKOFF_MS (" + initial
                        + ") and TASKS_RETRY_BACKOFF_CEILING_MS (" + backoffCeiling + "), got " + max);
        return new RetryLimits(
                new RetryPolicy((int) attempts, Duration.ofMillis(initial), Duration.ofMillis(max)),
                (int) ceiling,
                Duration.ofMillis(backoffCeiling));
    }

    /**
     * The target rules these settings describe.
     *
     * @throws IllegalArgumentException naming the variable at fault
     */
    public TargetRules targetRules() {
        return TargetRules.parse(target.allow(), target.queues(), defaultTarget);
    }

    private static long number(String value, String variable, String property) {
        try {
            return Long.parseLong(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    variable + " (" + property + ") must be a whole number, got '" + value + "'", e);
        }
    }

    private static void require(boolean rule, String message) {
        if (!rule) {
            throw new IllegalArgumentException(message);
        }
    }
}
