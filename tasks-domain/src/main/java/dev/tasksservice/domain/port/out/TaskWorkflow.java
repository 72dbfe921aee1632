package dev.tasksservice.domain.port.out;

import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.recover.RedriveTask;

/**
 * The durable wait of one task: it waits until the task is due, then runs the executor, retrying as the policy says.
 * A task's workflow may be run more than once: its first run, and later runs that the domain starts when a run ended
 * without recording a result ({@link RedriveTask}).
 */
public interface TaskWorkflow {

    /**
     * Starts the first run of the workflow of {@code task}, for its next attempt. Starting one that was already started
     * is not an error.
     *
     * @return RUNNING when the run is going (started now or before), CLOSED when it was started before and has ended
     */
    WorkflowState start(Task task);

    /**
     * Starts another run of the workflow of {@code task}, whose first attempt is number {@code attempt}. Runs are told
     * apart by that number, so restarting with the same number again is not an error either.
     *
     * @return RUNNING when a run for that attempt is going (started now or before), CLOSED when one for that attempt was
     *     started before and has ended
     */
    WorkflowState restart(Task task, int attempt);

    /** The state of the latest run of the workflow of {@code task}: RUNNING, CLOSED, or MISSING when none is known. */
    WorkflowState state(Task task);

    /**
     * Stops the workflow of {@code task}, whichever of its runs is going: the first one or a later one started by
     * {@link #restart}. Stopping a task with no run going is not an error.
     */
    void stop(Task task);
}
