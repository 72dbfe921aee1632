package dev.tasksservice.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A task scheduled to run at {@code timestamp}.
 *
 * @param id server-generated identifier
 * @param tenant the client the task belongs to: only that client reads, lists, changes or cancels it
 * @param timestamp the instant the task must run, never earlier
 * @param startExecutionAt epoch second from which the pipeline may pick the task up (timestamp minus the lookahead)
 * @param status where the task is in its life
 * @param lastUpdatedAt when the task last changed
 * @param createdAt when the task was accepted
 * @param payload the client's JSON value, delivered when it runs; null when none was given
 * @param requestFingerprint identifies the request that created the task under an idempotency key; null otherwise
 * @param executedAt when the delivery that succeeded began; null until then
 * @param attempts how many attempts to deliver the task were claimed
 * @param lastError why the last attempt failed; null when none failed
 * @param target where the task is delivered; null for the deployment's default target
 * @param retry how often delivery is attempted and how long to pause in between
 * @param history the latest attempts, oldest first, at most {@link #MAX_HISTORY}
 * @param nextAttemptAt when the next attempt is due after a failed one; null when none is waiting
 * @param version counts the client's changes of the task; a workflow runs only the version it was started for
 */
public record Task(
        UUID id,
        TenantId tenant,
        Instant timestamp,
        long startExecutionAt,
        TaskStatus status,
        Instant lastUpdatedAt,
        Instant createdAt,
        String payload,
        String requestFingerprint,
        Instant executedAt,
        int attempts,
        String lastError,
        Target target,
        RetryPolicy retry,
        List<Attempt> history,
        Instant nextAttemptAt,
        long version) {

    /** How many attempts a task's history keeps: the latest ones. */
    public static final int MAX_HISTORY = 20;

    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastUpdatedAt, "lastUpdatedAt");
        Objects.requireNonNull(createdAt, "createdAt");
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
        history = history == null ? List.of() : List.copyOf(history);
        if (attempts < 0 || version < 0) {
            throw new IllegalArgumentException("attempts and version must not be negative");
        }
    }

    /** A task just accepted for {@code timestamp}, without a target and with the default retry policy. */
    public static Task scheduled(
            UUID id,
            TenantId tenant,
            Instant timestamp,
            long startExecutionAt,
            Instant now,
            String payload,
            String fingerprint) {
        return scheduled(id, tenant, timestamp, startExecutionAt, now, payload, fingerprint, null, RetryPolicy.DEFAULT);
    }

    /** A task just accepted for {@code timestamp}. */
    public static Task scheduled(
            UUID id,
            TenantId tenant,
            Instant timestamp,
            long startExecutionAt,
            Instant now,
            String payload,
            String fingerprint,
            Target target,
            RetryPolicy retry) {
        return new Task(
                id,
                tenant,
                timestamp,
                startExecutionAt,
                TaskStatus.SCHEDULED,
                now,
                now,
                payload,
                fingerprint,
                null,
                0,
                null,
                target,
                retry,
                List.of(),
                null,
                0);
    }

    /** This task after {@code change}; the caller has checked that the change applies to it. */
    public Task after(StatusChange change) {
        return new Task(
                id,
                tenant,
                timestamp,
                startExecutionAt,
                change.to(),
                change.at(),
                createdAt,
                payload,
                requestFingerprint,
                change.executedAt() != null ? change.executedAt() : executedAt,
                attempts,
                change.error() != null ? change.error() : lastError,
                target,
                retry,
                history,
                nextAttemptAt,
                version);
    }

    /** This task once attempt number {@code attempt} to run it has been claimed. */
    public Task withAttempt(int attempt, Instant at) {
        return new Task(
                id,
                tenant,
                timestamp,
                startExecutionAt,
                status,
                at,
                createdAt,
                payload,
                requestFingerprint,
                executedAt,
                attempt,
                lastError,
                target,
                retry,
                history,
                nextAttemptAt,
                version);
    }

    /** This task after {@code recorded}; the caller has checked that it applies. */
    public Task after(AttemptRecord recorded) {
        return new Task(
                id,
                tenant,
                timestamp,
                startExecutionAt,
                recorded.to(),
                recorded.at(),
                createdAt,
                payload,
                requestFingerprint,
                recorded.executedAt() != null ? recorded.executedAt() : executedAt,
                attempts,
                recorded.lastError(),
                target,
                retry,
                recorded.history(),
                recorded.nextAttemptAt(),
                version);
    }

    /** This task as {@code change} makes it: waiting again as SCHEDULED, one version on. */
    public Task after(Reschedule change) {
        return new Task(
                id,
                tenant,
                change.timestamp(),
                change.startExecutionAt(),
                TaskStatus.SCHEDULED,
                change.at(),
                createdAt,
                change.payload(),
                requestFingerprint,
                null,
                0,
                null,
                change.target(),
                change.retry(),
                history,
                null,
                version + 1);
    }

    /**
     * The attempts claimed since the latest one the history keeps: runs that have not recorded what became of them
     * (under way, or lost). The history outlives a change of the task, whose attempts start again from 1, so an entry
     * numbered as high as the attempts, or higher, leaves none.
     */
    public int claimedSinceLastRecord() {
        int lastRecorded = history.isEmpty() ? 0 : history.getLast().number();
        return Math.max(0, attempts - lastRecorded);
    }

    /** The history with {@code attempt} added, keeping the latest {@link #MAX_HISTORY}. */
    public List<Attempt> historyWith(Attempt attempt) {
        List<Attempt> longer = new ArrayList<>(history);
        longer.add(attempt);
        return longer.size() <= MAX_HISTORY ? longer : longer.subList(longer.size() - MAX_HISTORY, longer.size());
    }

    public Optional<String> payloadJson() {
        return Optional.ofNullable(payload);
    }

    public Optional<Target> targetIfGiven() {
        return Optional.ofNullable(target);
    }

    /** When the next attempt may run: the timestamp, or later when a failed attempt set a pause. */
    public Instant nextRunAt() {
        return nextAttemptAt != null && nextAttemptAt.isAfter(timestamp) ? nextAttemptAt : timestamp;
    }

    /** Whether the task waits for its first attempt: SCHEDULED, or IN_PROGRESS with no attempt claimed yet. */
    public boolean waiting() {
        return status == TaskStatus.SCHEDULED || (status == TaskStatus.IN_PROGRESS && attempts == 0);
    }

    /** Time left until the task is due, never negative. */
    public Duration timeLeft(Instant now) {
        Duration left = Duration.between(now, timestamp);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
