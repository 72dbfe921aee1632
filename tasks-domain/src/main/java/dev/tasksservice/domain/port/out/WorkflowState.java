package dev.tasksservice.domain.port.out;

/** What a task's workflow is doing, as its runtime reports it. */
public enum WorkflowState {
    /** A run is waiting for the task or running it. */
    RUNNING,
    /** The latest run has ended (succeeded, failed, timed out or was aborted). */
    CLOSED,
    /** No run of the task's workflow is known. */
    MISSING
}
