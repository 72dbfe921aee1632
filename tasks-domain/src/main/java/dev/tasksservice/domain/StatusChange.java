package dev.tasksservice.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A request to move one task from one status to another. It can only be built for an allowed move, and a store
 * applies it only while the task is still in {@code from}, so of two conflicting changes exactly one wins.
 */
public record StatusChange(UUID taskId, TaskStatus from, TaskStatus to, Instant at) {

    public StatusChange {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        if (!from.canMoveTo(to)) {
            throw new IllegalArgumentException("A task cannot move from " + from + " to " + to);
        }
    }
}
