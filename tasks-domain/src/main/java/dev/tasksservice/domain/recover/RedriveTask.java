package dev.tasksservice.domain.recover;

import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskNotFoundException;
import dev.tasksservice.domain.model.TaskStatusConflictException;
import dev.tasksservice.domain.model.Timestamps;
import dev.tasksservice.domain.port.out.ChangeTaskStatus;
import dev.tasksservice.domain.port.out.TaskMetrics;
import dev.tasksservice.domain.port.out.TaskWorkflow;
import dev.tasksservice.domain.port.out.WorkflowState;
import java.time.Clock;

/**
 * The one rule for a task IN_PROGRESS whose workflow has ended, or is gone, without recording a result: start a new run
 * of its workflow for its next attempt, or, once the attempts of its retry policy are used up, mark it FAILED saying
 * why. Every run that ended spends the attempt number it was started for, so the rule always ends. Used by the consumer
 * (a workflow found already ended) and by {@link RecoverStuckTasks}.
 *
 * <p>A run lost after its claim and before its record (the runtime killed, the table out of reach) has no outcome: the
 * target may never have seen it. So the latest such runs, up to {@link #LOST_RUNS_NOT_COUNTED}, do not use up the retry
 * policy's attempts; otherwise a task due in a few crashes in a row could be marked FAILED undelivered. The bound keeps a
 * crash loop from re-driving a task for ever.
 */
public class RedriveTask {

    /** How many runs lost without a record may go beyond the attempts of the task's retry policy. */
    public static final int LOST_RUNS_NOT_COUNTED = 5;

    private final ChangeTaskStatus statuses;
    private final TaskWorkflow workflow;
    private final Clock clock;
    private final TaskMetrics metrics;

    public RedriveTask(ChangeTaskStatus statuses, TaskWorkflow workflow, Clock clock) {
        this(statuses, workflow, clock, TaskMetrics.NONE);
    }

    /** With {@code metrics} told of each task marked FAILED. */
    public RedriveTask(ChangeTaskStatus statuses, TaskWorkflow workflow, Clock clock, TaskMetrics metrics) {
        this.statuses = statuses;
        this.workflow = workflow;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Re-drives {@code task}, IN_PROGRESS with no live workflow, or marks it FAILED. */
    public Outcome redrive(Task task) {
        int lastAttempt = task.retry().maxAttempts() + Math.min(task.claimedSinceLastRecord(), LOST_RUNS_NOT_COUNTED);
        for (int attempt = task.attempts() + 1; attempt <= lastAttempt; attempt++) {
            if (workflow.restart(task, attempt) == WorkflowState.RUNNING) {
                return Outcome.REDRIVEN;
            }
            // A run for this attempt was started before and has ended without a result: its number is spent.
        }
        String reason = "workflow ended without recording a result after " + task.attempts() + " attempt(s)";
        try {
            statuses.move(StatusChange.failed(task.id(), task.attempts(), Timestamps.now(clock), reason));
            metrics.failed();
            return Outcome.FAILED;
        } catch (TaskStatusConflictException | TaskNotFoundException e) {
            // It moved meanwhile (completed, cancelled, or a new attempt claimed): nothing is stuck any more.
            return Outcome.MOVED_ON;
        }
    }

    public enum Outcome {
        /** A new run of the workflow was started. */
        REDRIVEN,
        /** The attempts were used up: the task is FAILED. */
        FAILED,
        /** The task changed meanwhile and was left as it is. */
        MOVED_ON
    }
}
