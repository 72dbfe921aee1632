package dev.tasksservice.domain.model;

import java.util.UUID;

/** One attempt to run a task failed; the message says why, in a form fit to record as the task's error. */
public class TaskAttemptFailedException extends RuntimeException {

    private final UUID taskId;
    private final int attempt;

    public TaskAttemptFailedException(UUID taskId, int attempt, Throwable cause) {
        super(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
        this.taskId = taskId;
        this.attempt = attempt;
    }

    public UUID taskId() {
        return taskId;
    }

    public int attempt() {
        return attempt;
    }
}
