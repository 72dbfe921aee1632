package dev.tasksservice.domain.execute;

import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskAttemptFailedException;
import dev.tasksservice.domain.model.TaskNotFoundException;
import dev.tasksservice.domain.model.TaskNotRecordedException;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TaskStatusConflictException;
import dev.tasksservice.domain.model.Timestamps;
import dev.tasksservice.domain.port.out.ChangeTaskStatus;
import dev.tasksservice.domain.port.out.ClaimAttempt;
import dev.tasksservice.domain.port.out.Sleeper;
import dev.tasksservice.domain.port.out.TaskAction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The executor's use case, called by the workflow once per attempt. An attempt is claimed in the store before the task
 * runs, so a cancelled task never runs and no attempt runs twice; the task then runs no earlier than its timestamp.
 * Its completion is recorded for the claimed attempt only, with a few quick tries against a passing store error.
 */
public class ExecuteTask {

    /** How often recording a completion is tried before the attempt is reported as not recorded. */
    static final int RECORD_TRIES = 3;

    /** The pause after the first failed try to record a completion; it doubles after each further one. */
    static final Duration RECORD_PAUSE = Duration.ofMillis(200);

    private final ClaimAttempt claims;
    private final ChangeTaskStatus statuses;
    private final TaskAction action;
    private final Sleeper sleeper;
    private final Clock clock;

    /** {@code store}: claims attempts and records what became of them. */
    public <S extends ClaimAttempt & ChangeTaskStatus> ExecuteTask(
            S store, TaskAction action, Sleeper sleeper, Clock clock) {
        this.claims = store;
        this.statuses = store;
        this.action = action;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /**
     * Runs attempt number {@code attempt} (1-based) of a task.
     *
     * @throws TaskAttemptFailedException when the task's action failed; the workflow retries or marks it FAILED
     * @throws TaskNotRecordedException when the task ran but its completion could not be recorded; it stays
     *     IN_PROGRESS, and a retry of the same attempt does not run it again
     */
    public Outcome execute(UUID taskId, int attempt) throws InterruptedException {
        Task claimed = null;
        while (claimed == null) {
            try {
                // One conditional write on the way to the run: the claim itself tells whether the task is to run.
                claimed = claims.claimAttempt(taskId, attempt, now());
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
        recordCompleted(taskId, attempt, executedAt);
        return Outcome.completed(executedAt);
    }

    private void recordCompleted(UUID taskId, int attempt, Instant executedAt) throws InterruptedException {
        Duration pause = RECORD_PAUSE;
        for (int tries = 1; ; tries++) {
            try {
                statuses.move(StatusChange.completed(taskId, attempt, now(), executedAt));
                return;
            } catch (TaskStatusConflictException e) {
                // Recorded by an earlier try whose answer was lost, or the task moved on: a later attempt was claimed
                // (its result is the one to record), or it was marked FAILED meanwhile. The run is not undone.
                return;
            } catch (TaskNotFoundException e) {
                return;
            } catch (RuntimeException e) {
                if (tries >= RECORD_TRIES) {
                    throw new TaskNotRecordedException(taskId, attempt, e);
                }
                sleeper.sleepUntil(clock.instant().plus(pause));
                pause = pause.multipliedBy(2);
            }
        }
    }

    /** Marks a task FAILED once its workflow has used up the retries. A task already final is left as it is. */
    public void markFailed(UUID taskId, String error) {
        try {
            statuses.move(StatusChange.failed(taskId, now(), error));
        } catch (TaskStatusConflictException | TaskNotFoundException e) {
            // Cancelled, or marked by an earlier delivery of the same failure.
        }
    }

    private void moveToInProgress(Task task) {
        try {
            statuses.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, now()));
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
