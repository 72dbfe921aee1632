package dev.tasksservice.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The executor's use case, called by the workflow once per attempt. An attempt is claimed in the store before the task
 * runs, so a cancelled task never runs and no attempt runs twice; the task then runs no earlier than its timestamp.
 */
public class ExecuteTask {

    private final TaskStore store;
    private final TaskAction action;
    private final Sleeper sleeper;
    private final Clock clock;

    public ExecuteTask(TaskStore store, TaskAction action, Sleeper sleeper, Clock clock) {
        this.store = store;
        this.action = action;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /**
     * Runs attempt number {@code attempt} (1-based) of a task.
     *
     * @throws TaskAttemptFailedException when the task's action failed; the workflow retries or marks it FAILED
     */
    public Outcome execute(UUID taskId, int attempt) throws InterruptedException {
        Task claimed = null;
        while (claimed == null) {
            try {
                // One conditional write on the way to the run: the claim itself tells whether the task is to run.
                claimed = store.claimAttempt(taskId, attempt, now());
            } catch (TaskNotFoundException e) {
                return Outcome.skipped("no such task");
            } catch (TaskStatusConflictException e) {
                // The store reads the task after the failed claim, so it may have changed in between; statuses only
                // move forward, so trying again ends.
                Task current = e.current();
                if (current.status() == TaskStatus.SCHEDULED) {
                    // The consumer started the workflow but had not marked the task yet.
                    moveToInProgress(current);
                } else if (current.status() != TaskStatus.IN_PROGRESS || current.attempts() >= attempt) {
                    return Outcome.skipped("attempt " + attempt + " not claimable, task is " + current.status()
                            + " after " + current.attempts() + " attempt(s)");
                }
            }
        }
        sleeper.sleepUntil(claimed.timestamp());
        Instant executedAt = clock.instant();
        try {
            action.perform(claimed, executedAt);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new TaskAttemptFailedException(taskId, attempt, e);
        }
        // Recording comes second to running: where many tasks fall due at once in one JVM (the local runtime), let
        // the others run before this one spends its time on the store. Where one process runs one attempt, a no-op.
        Thread.yield();
        store.move(StatusChange.completed(taskId, now(), executedAt));
        return Outcome.completed(executedAt);
    }

    /** Marks a task FAILED once its workflow has used up the retries. A task already final is left as it is. */
    public void markFailed(UUID taskId, String error) {
        try {
            store.move(StatusChange.failed(taskId, now(), error));
        } catch (TaskStatusConflictException | TaskNotFoundException e) {
            // Cancelled, or marked by an earlier delivery of the same failure.
        }
    }

    private void moveToInProgress(Task task) {
        try {
            store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, now()));
        } catch (TaskStatusConflictException e) {
            // Marked by the consumer meanwhile, or cancelled: the claim that follows tells which.
        }
    }

    private Instant now() {
        return Timestamps.now(clock);
    }

    /** What an attempt did: ran the task (with when), or skipped it (with why). */
    public record Outcome(boolean ran, Instant executedAt, String skippedBecause) {

        static Outcome completed(Instant executedAt) {
            return new Outcome(true, executedAt, null);
        }

        static Outcome skipped(String reason) {
            return new Outcome(false, null, reason);
        }
    }
}
