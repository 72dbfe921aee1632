package dev.tasksservice.domain;

/** A status change lost: the task was no longer in the status the change expected. */
public class TaskStatusConflictException extends RuntimeException {

    private final Task current;

    public TaskStatusConflictException(StatusChange change, Task current) {
        super("Task " + change.taskId() + " is " + current.status() + ", not " + change.from() + ": it cannot become "
                + change.to());
        this.current = current;
    }

    public TaskStatusConflictException(String message, Task current) {
        super(message);
        this.current = current;
    }

    /** The task as it is now. */
    public Task current() {
        return current;
    }
}
