package dev.tasksservice.domain;

import java.time.Clock;
import java.util.UUID;

/**
 * The queue consumer's use case: start the workflow of a dispatched task, then mark the task IN_PROGRESS. In that
 * order, a crash between the two leaves the task SCHEDULED, so it is dispatched again and its workflow, started by
 * name, is not started twice.
 */
public class StartTaskWorkflow {

    private final TaskStore store;
    private final TaskWorkflow workflow;
    private final Clock clock;

    public StartTaskWorkflow(TaskStore store, TaskWorkflow workflow, Clock clock) {
        this.store = store;
        this.workflow = workflow;
        this.clock = clock;
    }

    /** Starts the task's workflow unless the task is gone or past SCHEDULED. Throws when the workflow cannot start. */
    public Outcome start(UUID taskId) {
        Task task = store.find(taskId).orElse(null);
        if (task == null) {
            return Outcome.UNKNOWN_TASK;
        }
        if (task.status() != TaskStatus.SCHEDULED) {
            return Outcome.ALREADY_PAST_SCHEDULED;
        }
        workflow.start(task);
        try {
            store.move(new StatusChange(taskId, TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, Timestamps.now(clock)));
        } catch (TaskStatusConflictException e) {
            // Another delivery or the executor itself moved it first, or the client cancelled it: the workflow
            // reads the task when it wakes and runs it only if it is still to run.
            if (e.current().status() == TaskStatus.CANCELLED) {
                workflow.stop(taskId);
            }
        }
        return Outcome.STARTED;
    }

    public enum Outcome {
        STARTED,
        ALREADY_PAST_SCHEDULED,
        UNKNOWN_TASK
    }
}
