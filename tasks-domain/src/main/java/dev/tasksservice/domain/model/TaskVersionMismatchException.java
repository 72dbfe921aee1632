package dev.tasksservice.domain.model;

/** A client's change named a version ({@code If-Match}) the task is no longer at; nothing was changed. */
public class TaskVersionMismatchException extends RuntimeException {

    private final Task current;

    public TaskVersionMismatchException(long expected, Task current) {
        super("Task " + current.id() + " is at version " + current.version() + ", not " + expected
                + ": read it again and decide anew");
        this.current = current;
    }

    /** The task as it is now. */
    public Task current() {
        return current;
    }
}
