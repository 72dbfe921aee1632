package dev.tasksservice.domain.start;

import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TaskStatusConflictException;
import dev.tasksservice.domain.model.Timestamps;
import dev.tasksservice.domain.port.out.ChangeTaskStatus;
import dev.tasksservice.domain.port.out.LoadTask;
import dev.tasksservice.domain.port.out.TaskWorkflow;
import dev.tasksservice.domain.port.out.WorkflowState;
import dev.tasksservice.domain.recover.RedriveTask;
import java.time.Clock;
import java.util.UUID;

/**
 * The queue consumer's use case: start the workflow of a dispatched task, then mark the task IN_PROGRESS. In that
 * order, a crash between the two leaves the task SCHEDULED, so it is dispatched again and its workflow, started by
 * name, is not started twice. A workflow found already ended is never taken for started: the task is re-driven, or
 * marked FAILED when its attempts are used up ({@link RedriveTask}).
 */
public class StartTaskWorkflow {

    private final LoadTask tasks;
    private final ChangeTaskStatus statuses;
    private final TaskWorkflow workflow;
    private final RedriveTask redrive;
    private final Clock clock;

    public <S extends LoadTask & ChangeTaskStatus> StartTaskWorkflow(S store, TaskWorkflow workflow, Clock clock) {
        this.tasks = store;
        this.statuses = store;
        this.workflow = workflow;
        this.redrive = new RedriveTask(store, workflow, clock);
        this.clock = clock;
    }

    /** Starts the task's workflow unless the task is gone or past SCHEDULED. Throws when the workflow cannot start. */
    public Outcome start(UUID taskId) {
        Task task = tasks.find(taskId).orElse(null);
        if (task == null) {
            return Outcome.UNKNOWN_TASK;
        }
        if (task.status() == TaskStatus.IN_PROGRESS && workflow.state(task) != WorkflowState.RUNNING) {
            // Sent again although in progress (a poller read an index entry that lags behind the table) and nothing
            // runs it: without this, only the recovery sweep, reading the same index, could find it.
            return switch (redrive.redrive(task)) {
                case REDRIVEN -> Outcome.REDRIVEN;
                case FAILED -> Outcome.FAILED;
                case MOVED_ON -> Outcome.ALREADY_PAST_SCHEDULED;
            };
        }
        if (task.status() != TaskStatus.SCHEDULED) {
            return Outcome.ALREADY_PAST_SCHEDULED;
        }
        WorkflowState started = workflow.start(task);
        Task current;
        try {
            current = statuses.move(StatusChange.started(taskId, task.version(), Timestamps.now(clock)));
        } catch (TaskStatusConflictException e) {
            // Another delivery or the executor itself moved it first, or the client cancelled or changed it: the
            // workflow reads the task when it wakes and runs it only if it is still to run.
            current = e.current();
            if (current.version() != task.version()) {
                // Changed meanwhile: this version's workflow will never run it, and the new version's own message
                // starts the workflow that will.
                workflow.stop(task);
                return Outcome.CHANGED;
            }
            if (current.status() == TaskStatus.CANCELLED) {
                workflow.stop(current);
            }
        }
        if (started == WorkflowState.CLOSED && current.status() == TaskStatus.IN_PROGRESS) {
            // The run of this name ended without moving the task on (aborted, say): it would never run.
            return switch (redrive.redrive(current)) {
                case REDRIVEN -> Outcome.REDRIVEN;
                case FAILED -> Outcome.FAILED;
                case MOVED_ON -> Outcome.STARTED;
            };
        }
        return Outcome.STARTED;
    }

    public enum Outcome {
        STARTED,
        /** The task's workflow had already ended without a result; a new run was started. */
        REDRIVEN,
        /** The task's workflow had already ended without a result and no attempt was left: the task is FAILED. */
        FAILED,
        /** The client changed the task while its workflow was being started; the new version's start takes over. */
        CHANGED,
        ALREADY_PAST_SCHEDULED,
        UNKNOWN_TASK
    }
}
