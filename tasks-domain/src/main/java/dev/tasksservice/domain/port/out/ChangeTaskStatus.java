package dev.tasksservice.domain.port.out;

import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskNotFoundException;
import dev.tasksservice.domain.model.TaskStatusConflictException;

/** Moves a task from one status to the next, only from the status (and attempt) the change expects. */
public interface ChangeTaskStatus {

    /**
     * Applies {@code change} if the task is still in {@code change.from()} and, when the change names its expected
     * attempts, the task's attempts still equal them; records the change's executedAt and error when given.
     *
     * @return the task after the change
     * @throws TaskNotFoundException when there is no such task
     * @throws TaskStatusConflictException when the task is no longer in {@code change.from()}, or is at another attempt
     */
    Task move(StatusChange change);
}
