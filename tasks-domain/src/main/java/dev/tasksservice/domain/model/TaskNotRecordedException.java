package dev.tasksservice.domain.model;

import dev.tasksservice.domain.recover.RecoverStuckTasks;
import java.util.UUID;

/**
 * An attempt ran the task but its result could not be recorded: the task stays IN_PROGRESS, and the workflow (or,
 * once it has ended, {@link RecoverStuckTasks}) decides what comes next.
 */
public class TaskNotRecordedException extends RuntimeException {

    private final UUID taskId;
    private final int attempt;

    public TaskNotRecordedException(UUID taskId, int attempt, Throwable cause) {
        super(
                "Task " + taskId + " ran in attempt " + attempt + " but its completion could not be recorded: " + cause,
                cause);
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
