package dev.tasksservice.domain;

import java.util.UUID;

/** The durable wait of one task: it waits until the task is due, then runs the executor, retrying as the policy says. */
public interface TaskWorkflow {

    /** Starts the workflow of {@code task}. Starting one that was already started is not an error. */
    void start(Task task);

    /** Stops the workflow of a task, if one is running. */
    void stop(UUID taskId);
}
