package dev.tasksservice.client;

/** Where a task is in its life. A task moves only forward, and never leaves a final status. */
public enum TaskStatus {
    SCHEDULED,
    IN_PROGRESS,
    COMPLETED,
    FAILED,
    CANCELLED;

    /** COMPLETED, FAILED and CANCELLED never change again. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
