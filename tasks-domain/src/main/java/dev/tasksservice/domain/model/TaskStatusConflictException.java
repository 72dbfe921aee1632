package dev.tasksservice.domain.model;

/** A status change lost: the task was no longer in the status the change expected. */
public class TaskStatusConflictException extends RuntimeException {

    private final Task current;

    public TaskStatusConflictException(StatusChange change, Task current) {
        super(message(change, current));
        this.current = current;
    }

    public TaskStatusConflictException(String message, Task current) {
        super(message);
        this.current = current;
    }

    private static String message(StatusChange change, Task current) {
        if (change.expectedVersion() != null && current.version() != change.expectedVersion()) {
            return "Task " + change.taskId() + " was changed (version " + current.version() + ", not "
                    + change.expectedVersion() + "): it cannot become " + change.to();
        }
        if (current.status() == change.from() && Integer.valueOf(0).equals(change.expectedAttempts())) {
            return "Task " + change.taskId() + " has begun to run: it cannot become " + change.to();
        }
        if (current.status() == change.from()) {
            return "Task " + change.taskId() + " is at attempt " + current.attempts() + ", not "
                    + change.expectedAttempts() + ": it cannot become " + change.to();
        }
        return "Task " + change.taskId() + " is " + current.status() + ": it cannot become " + change.to();
    }

    /** The task as it is now. */
    public Task current() {
        return current;
    }
}
