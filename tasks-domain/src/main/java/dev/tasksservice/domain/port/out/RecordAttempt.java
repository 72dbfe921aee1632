package dev.tasksservice.domain.port.out;

import dev.tasksservice.domain.model.AttemptRecord;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskNotFoundException;
import dev.tasksservice.domain.model.TaskStatusConflictException;

/** Records what became of an attempt: what the executor does after each delivery. */
public interface RecordAttempt {

    /**
     * Applies {@code record} if the task is still IN_PROGRESS at exactly its attempt: sets the status, the history,
     * lastError (cleared when null), nextAttemptAt (cleared when null) and, when given, executedAt.
     *
     * @return the task after the record
     * @throws TaskNotFoundException when there is no such task
     * @throws TaskStatusConflictException when the task moved on (cancelled, another attempt claimed, final)
     */
    Task record(AttemptRecord record);
}
