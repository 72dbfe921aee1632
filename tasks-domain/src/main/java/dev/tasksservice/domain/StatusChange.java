package dev.tasksservice.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A request to move one task from one status to another. It can only be built for an allowed move, and a store
 * applies it only while the task is still in {@code from}, so of two conflicting changes exactly one wins.
 *
 * @param executedAt when the task ran, recorded with a move to COMPLETED; null otherwise
 * @param error why the task failed, recorded with a move to FAILED; null otherwise
 */
public record StatusChange(UUID taskId, TaskStatus from, TaskStatus to, Instant at, Instant executedAt, String error) {

    public StatusChange {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        if (!from.canMoveTo(to)) {
            throw new IllegalArgumentException("A task cannot move from " + from + " to " + to);
        }
    }

    public StatusChange(UUID taskId, TaskStatus from, TaskStatus to, Instant at) {
        this(taskId, from, to, at, null, null);
    }

    public static StatusChange completed(UUID taskId, Instant at, Instant executedAt) {
        return new StatusChange(taskId, TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED, at, executedAt, null);
    }

    public static StatusChange failed(UUID taskId, Instant at, String error) {
        return new StatusChange(taskId, TaskStatus.IN_PROGRESS, TaskStatus.FAILED, at, null, error);
    }

    /**
     * A task in progress can be cancelled only until its first attempt to run has been claimed: once an attempt has
     * begun, the client cannot be told the task will not run.
     */
    public boolean requiresNoAttempt() {
        return from == TaskStatus.IN_PROGRESS && to == TaskStatus.CANCELLED;
    }
}
