package dev.tasksservice.domain.port.out;

import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskAlreadyExistsException;

/** Stores tasks that are new: what scheduling needs. */
public interface SaveNewTask {

    /**
     * Stores a new task.
     *
     * @throws TaskAlreadyExistsException when a task with the same id exists
     */
    void create(Task task);
}
