package dev.tasksservice.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A task scheduled to run at {@code timestamp}.
 *
 * @param id server-generated identifier
 * @param timestamp the instant the task must run, never earlier
 * @param startExecutionAt epoch second from which the pipeline may pick the task up (timestamp minus the lookahead)
 * @param status where the task is in its life
 * @param lastUpdatedAt when the task last changed
 * @param createdAt when the task was accepted
 * @param payload the client's JSON object, handed to the task when it runs; null when none was given
 * @param requestFingerprint identifies the request that created the task under an idempotency key; null otherwise
 * @param executedAt when the task ran; null until then
 * @param attempts how many times running the task was attempted
 * @param lastError why the last attempt failed; null when none failed
 */
public record Task(
        UUID id,
        Instant timestamp,
        long startExecutionAt,
        TaskStatus status,
        Instant lastUpdatedAt,
        Instant createdAt,
        String payload,
        String requestFingerprint,
        Instant executedAt,
        int attempts,
        String lastError) {

    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastUpdatedAt, "lastUpdatedAt");
        Objects.requireNonNull(createdAt, "createdAt");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }

    /** A task just accepted for {@code timestamp}. */
    public static Task scheduled(
            UUID id, Instant timestamp, long startExecutionAt, Instant now, String payload, String fingerprint) {
        return new Task(
                id, timestamp, startExecutionAt, TaskStatus.SCHEDULED, now, now, payload, fingerprint, null, 0, null);
    }

    /** This task after {@code change}; the caller has checked that the change applies to it. */
    public Task after(StatusChange change) {
        return new Task(
                id,
                timestamp,
                startExecutionAt,
                change.to(),
                change.at(),
                createdAt,
                payload,
                requestFingerprint,
                change.executedAt() != null ? change.executedAt() : executedAt,
                attempts,
                change.error() != null ? change.error() : lastError);
    }

    /** This task once attempt number {@code attempt} to run it has been claimed. */
    public Task withAttempt(int attempt, Instant at) {
        return new Task(
                id,
                timestamp,
                startExecutionAt,
                status,
                at,
                createdAt,
                payload,
                requestFingerprint,
                executedAt,
                attempt,
                lastError);
    }

    public Optional<String> payloadJson() {
        return Optional.ofNullable(payload);
    }

    /** Time left until the task is due, never negative. */
    public Duration timeLeft(Instant now) {
        Duration left = Duration.between(now, timestamp);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
