package dev.tasksservice.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A request to move one task from one status to another. It can only be built for an allowed move, and a store
 * applies it only while the task is still in {@code from} (and, when {@code expectedAttempts} is given, while the
 * task's attempts still equal it), so of two conflicting changes exactly one wins.
 *
 * @param executedAt when the task ran, recorded with a move to COMPLETED; null otherwise
 * @param error why the task failed, recorded with a move to FAILED; null otherwise
 * @param expectedAttempts the number of attempts the task must still have claimed for the change to apply; null when
 *     any number will do
 * @param expectedVersion the version the task must still be at for the change to apply; null when any will do
 */
public record StatusChange(
        UUID taskId,
        TaskStatus from,
        TaskStatus to,
        Instant at,
        Instant executedAt,
        String error,
        Integer expectedAttempts,
        Long expectedVersion) {

    public StatusChange {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        if (!from.canMoveTo(to)) {
            throw new IllegalArgumentException("A task cannot move from " + from + " to " + to);
        }
        if ((expectedAttempts != null && expectedAttempts < 0) || (expectedVersion != null && expectedVersion < 0)) {
            throw new IllegalArgumentException("expectedAttempts and expectedVersion must not be negative");
        }
    }

    /**
     * A plain move. A task in progress can be cancelled only until its first attempt to run has been claimed: once an
     * attempt has begun, the client cannot be told the task will not run, so that move expects no attempt.
     */
    public StatusChange(UUID taskId, TaskStatus from, TaskStatus to, Instant at) {
        this(
                taskId,
                from,
                to,
                at,
                null,
                null,
                from == TaskStatus.IN_PROGRESS && to == TaskStatus.CANCELLED ? 0 : null,
                null);
    }

    /**
     * The workflow of version {@code version} was started: SCHEDULED to IN_PROGRESS, only while the task is still at
     * that version, so that a task the client changed meanwhile waits for the workflow of its new version.
     */
    public static StatusChange started(UUID taskId, long version, Instant at) {
        return new StatusChange(taskId, TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, at, null, null, null, version);
    }

    /** Attempt number {@code attempt} ran the task: applies only while that attempt is still the last one claimed. */
    public static StatusChange completed(UUID taskId, int attempt, Instant at, Instant executedAt) {
        return new StatusChange(
                taskId, TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED, at, executedAt, null, attempt, null);
    }

    /** The task failed, whatever attempt it is at. */
    public static StatusChange failed(UUID taskId, Instant at, String error) {
        return new StatusChange(taskId, TaskStatus.IN_PROGRESS, TaskStatus.FAILED, at, null, error, null, null);
    }

    /** The task failed after {@code attempts} attempts: applies only while no further attempt has been claimed. */
    public static StatusChange failed(UUID taskId, int attempts, Instant at, String error) {
        return new StatusChange(taskId, TaskStatus.IN_PROGRESS, TaskStatus.FAILED, at, null, error, attempts, null);
    }

    /** Whether a task in {@code current}'s state meets this change's condition. */
    public boolean appliesTo(Task current) {
        return current.status() == from
                && (expectedAttempts == null || current.attempts() == expectedAttempts)
                && (expectedVersion == null || current.version() == expectedVersion);
    }
}
