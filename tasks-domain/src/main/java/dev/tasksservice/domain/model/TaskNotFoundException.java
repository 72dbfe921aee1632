package dev.tasksservice.domain.model;

import java.util.UUID;

/**
 * No task with this id belongs to the caller. A task of another tenant is reported with this same exception and
 * message, so an answer never tells whether such a task exists.
 */
public class TaskNotFoundException extends RuntimeException {

    private final UUID taskId;

    public TaskNotFoundException(UUID taskId) {
        super("No task with id " + taskId);
        this.taskId = taskId;
    }

    public UUID taskId() {
        return taskId;
    }
}
