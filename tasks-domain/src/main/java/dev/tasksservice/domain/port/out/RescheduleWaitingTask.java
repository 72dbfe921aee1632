package dev.tasksservice.domain.port.out;

import dev.tasksservice.domain.model.Reschedule;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskNotFoundException;
import dev.tasksservice.domain.model.TaskStatusConflictException;

/** Changes a task that has not begun to run: what a client's PATCH does. */
public interface RescheduleWaitingTask {

    /**
     * Applies {@code change} if the task is still at its expected version and waiting (SCHEDULED, or IN_PROGRESS with
     * no attempt claimed): sets timestamp, startExecutionAt, payload, target (removed when null) and retry, moves the
     * task to SCHEDULED, clears nextAttemptAt and adds one to its version.
     *
     * @return the task after the change
     * @throws TaskNotFoundException when there is no such task
     * @throws TaskStatusConflictException when the task changed meanwhile or has begun to run
     */
    Task reschedule(Reschedule change);
}
