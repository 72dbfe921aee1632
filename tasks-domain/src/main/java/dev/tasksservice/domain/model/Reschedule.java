package dev.tasksservice.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A client's change of a task that has not begun to run, with every field as it is to be. A store applies it only
 * while the task is still at {@code expectedVersion} and waiting (SCHEDULED, or IN_PROGRESS with no attempt claimed),
 * so of two changes made at once exactly one wins. The task becomes SCHEDULED again, one version on.
 */
public record Reschedule(
        UUID taskId,
        long expectedVersion,
        Instant timestamp,
        long startExecutionAt,
        String payload,
        Target target,
        RetryPolicy retry,
        Instant at) {

    public Reschedule {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(at, "at");
    }

    /** Whether a task in {@code current}'s state takes this change. */
    public boolean appliesTo(Task current) {
        return current.version() == expectedVersion && current.waiting();
    }
}
