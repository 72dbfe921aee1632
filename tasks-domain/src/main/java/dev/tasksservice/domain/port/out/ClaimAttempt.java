package dev.tasksservice.domain.port.out;

import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskNotFoundException;
import dev.tasksservice.domain.model.TaskStatusConflictException;
import java.time.Instant;
import java.util.UUID;

/** Claims the right to run one attempt of a task: what the executor does before it runs anything. */
public interface ClaimAttempt {

    /**
     * Claims attempt number {@code attempt} to run a task: succeeds only while the task is IN_PROGRESS at
     * {@code version} and no attempt with this number or a later one was claimed, so each attempt runs at most once, a
     * cancelled task never runs, and a workflow started before the client changed the task does not run it.
     *
     * @return the task with its attempts set to {@code attempt}
     * @throws TaskNotFoundException when there is no such task
     * @throws TaskStatusConflictException when the task is not IN_PROGRESS, is at another version, or the attempt
     *     was already claimed
     */
    Task claimAttempt(UUID id, int attempt, long version, Instant at);
}
