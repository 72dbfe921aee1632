package dev.tasksservice.domain.execute;

import dev.tasksservice.domain.model.Attempt;
import dev.tasksservice.domain.model.AttemptOutcome;
import dev.tasksservice.domain.model.AttemptRecord;
import dev.tasksservice.domain.model.Delivery;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskNotFoundException;
import dev.tasksservice.domain.model.TaskNotRecordedException;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TaskStatusConflictException;
import dev.tasksservice.domain.model.Timestamps;
import dev.tasksservice.domain.port.out.ChangeTaskStatus;
import dev.tasksservice.domain.port.out.ClaimAttempt;
import dev.tasksservice.domain.port.out.RecordAttempt;
import dev.tasksservice.domain.port.out.Sleeper;
import dev.tasksservice.domain.port.out.TaskAction;
import dev.tasksservice.domain.port.out.TaskMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The executor's use case, called by the workflow once per attempt. An attempt is claimed in the store before the task
 * is delivered, so a cancelled or changed task is never delivered and no attempt runs twice; the delivery begins no
 * earlier than the task's timestamp (or its next attempt's time). What became of it is recorded for the claimed
 * attempt only, and the answer tells the workflow what to do next: nothing, or another attempt at a given instant, as
 * the task's own retry policy says.
 */
public class ExecuteTask {

    private static final System.Logger LOG = System.getLogger(ExecuteTask.class.getName());

    /**
     * How long recording an attempt is tried again before the attempt is reported as not recorded: longer than a
     * store's restart, since a delivery made and not recorded is delivered again by the next attempt. A time, not a
     * count of tries: a store whose calls hang (30 s each) must not hold the attempt for minutes.
     */
    static final Duration RECORD_PATIENCE = Duration.ofSeconds(15);

    /** The pause after the first failed try to record an attempt; it doubles after each further one. */
    static final Duration RECORD_PAUSE = Duration.ofMillis(200);

    /** The longest pause between two tries. */
    static final Duration RECORD_PAUSE_MAX = Duration.ofSeconds(2);

    /** At most this many tries, whatever the clock says (a clock that stands still in a test, say). */
    static final int RECORD_TRIES_MAX = 12;

    private final ClaimAttempt claims;
    private final RecordAttempt records;
    private final ChangeTaskStatus statuses;
    private final TaskAction action;
    private final Sleeper sleeper;
    private final Clock clock;
    private final RandomGenerator random;
    private final TaskMetrics metrics;

    /** {@code store}: claims attempts and records what became of them. */
    public <S extends ClaimAttempt & RecordAttempt & ChangeTaskStatus> ExecuteTask(
            S store, TaskAction action, Sleeper sleeper, Clock clock) {
        this(store, action, sleeper, clock, RandomGenerator.getDefault());
    }

    /** With {@code random} drawing the jitter of the pauses between attempts. */
    public <S extends ClaimAttempt & RecordAttempt & ChangeTaskStatus> ExecuteTask(
            S store, TaskAction action, Sleeper sleeper, Clock clock, RandomGenerator random) {
        this(store, action, sleeper, clock, random, TaskMetrics.NONE);
    }

    /** With {@code metrics} told how late each attempt began and how it ended. */
    public <S extends ClaimAttempt & RecordAttempt & ChangeTaskStatus> ExecuteTask(
            S store, TaskAction action, Sleeper sleeper, Clock clock, RandomGenerator random, TaskMetrics metrics) {
        this.claims = store;
        this.records = store;
        this.statuses = store;
        this.action = action;
        this.sleeper = sleeper;
        this.clock = clock;
        this.random = random;
        this.metrics = metrics;
    }

    /**
     * Runs attempt number {@code attempt} (1-based) of version {@code version} of a task.
     *
     * @throws TaskNotRecordedException when the attempt ran but what became of it could not be recorded; the task
     *     stays IN_PROGRESS, and a retry of the same attempt does not run it again
     */
    public Outcome execute(UUID taskId, int attempt, long version) throws InterruptedException {
        Task claimed = null;
        while (claimed == null) {
            try {
                // One conditional write on the way to the run: the claim itself tells whether the task is to run.
                claimed = claims.claimAttempt(taskId, attempt, version, now());
            } catch (TaskNotFoundException e) {
                return Outcome.skipped("no such task");
            } catch (TaskStatusConflictException e) {
                // The store reads the task after the failed claim, so it may have changed in between; statuses only
                // move forward within a version, so trying again ends.
                Task current = e.current();
                if (current.version() != version) {
                    return Outcome.skipped("the task was changed (version " + current.version() + ", this run is for "
                            + version + ")");
                }
                if (current.status() == TaskStatus.SCHEDULED) {
                    // The consumer started the workflow but had not marked the task yet.
                    moveToInProgress(current);
                } else if (current.status() != TaskStatus.IN_PROGRESS || current.attempts() >= attempt) {
                    return Outcome.skipped("attempt " + attempt + " not claimable, task is " + current.status()
                            + " after " + current.attempts() + " attempt(s)");
                }
            }
        }
        sleeper.sleepUntil(claimed.nextRunAt());
        // To the millisecond like every stored instant; the timestamp is one too, so this is never before it.
        Instant startedAt = now();
        metrics.ran(Duration.between(claimed.nextRunAt(), startedAt));
        Delivery delivery = deliver(claimed, startedAt);
        Duration took = Duration.between(startedAt, now());
        AttemptRecord record = decide(claimed, attempt, startedAt, took, delivery);
        recordAttempt(record);
        if (record.to() == TaskStatus.IN_PROGRESS) {
            metrics.retried();
        } else if (record.to() == TaskStatus.FAILED) {
            metrics.failed();
        }
        return Outcome.of(record);
    }

    private Delivery deliver(Task task, Instant startedAt) throws InterruptedException {
        try {
            return action.perform(task, startedAt);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            // The client reads the task's error: it says what happened, and the log keeps the stack and class names.
            LOG.log(System.Logger.Level.WARNING, "Task " + task.id() + ": the delivery failed unexpectedly", e);
            return Delivery.failed("the delivery failed with an internal error; it is tried again");
        }
    }

    /** What the attempt leaves behind, as the task's retry policy says. */
    private AttemptRecord decide(Task task, int attempt, Instant startedAt, Duration took, Delivery delivery) {
        Instant now = now();
        AttemptOutcome outcome = delivery.outcome();
        if (outcome == AttemptOutcome.SUCCEEDED) {
            Attempt done = new Attempt(attempt, startedAt, took, outcome, delivery.httpStatus(), null, null);
            return new AttemptRecord(
                    task.id(), attempt, TaskStatus.COMPLETED, now, startedAt, null, task.historyWith(done), null);
        }
        String error = Attempt.truncated(delivery.error() == null ? "failed" : delivery.error());
        if (outcome == AttemptOutcome.FAILED && task.retry().retriesAfter(attempt)) {
            Instant next =
                    Timestamps.ceilToMillis(now.plus(task.retry().pauseAfter(attempt, delivery.retryAfter(), random)));
            Attempt failed = new Attempt(attempt, startedAt, took, outcome, delivery.httpStatus(), error, next);
            return new AttemptRecord(
                    task.id(), attempt, TaskStatus.IN_PROGRESS, now, null, error, task.historyWith(failed), next);
        }
        Attempt last = new Attempt(attempt, startedAt, took, outcome, delivery.httpStatus(), error, null);
        String why = outcome == AttemptOutcome.REFUSED ? error : error + " (after " + attempt + " attempt(s))";
        return new AttemptRecord(
                task.id(), attempt, TaskStatus.FAILED, now, null, Attempt.truncated(why), task.historyWith(last), null);
    }

    private void recordAttempt(AttemptRecord record) throws InterruptedException {
        Duration pause = RECORD_PAUSE;
        Instant giveUpAt = clock.instant().plus(RECORD_PATIENCE);
        for (int tries = 1; ; tries++) {
            try {
                records.record(record);
                return;
            } catch (TaskStatusConflictException | TaskNotFoundException e) {
                // Recorded by an earlier try whose answer was lost, or the task moved on: a later attempt was claimed
                // (its result is the one to record), or it was marked FAILED meanwhile. The delivery is not undone.
                return;
            } catch (RuntimeException e) {
                Instant next = clock.instant().plus(pause);
                if (next.isAfter(giveUpAt) || tries >= RECORD_TRIES_MAX) {
                    throw new TaskNotRecordedException(record.taskId(), record.attempt(), e);
                }
                sleeper.sleepUntil(next);
                Duration doubled = pause.multipliedBy(2);
                pause = doubled.compareTo(RECORD_PAUSE_MAX) > 0 ? RECORD_PAUSE_MAX : doubled;
            }
        }
    }

    private void moveToInProgress(Task task) {
        try {
            statuses.move(StatusChange.started(task.id(), task.version(), now()));
        } catch (TaskStatusConflictException e) {
            // Marked by the consumer meanwhile, or cancelled or changed: the claim that follows tells which.
        }
    }

    private Instant now() {
        return Timestamps.now(clock);
    }

    /**
     * What an attempt did, and what the workflow does next.
     *
     * @param status COMPLETED, FAILED, or IN_PROGRESS when another attempt follows; null when the attempt was skipped
     * @param executedAt when the delivery that succeeded began; null otherwise
     * @param nextAttempt the number of the attempt that follows, or 0
     * @param retryAt when that attempt is due; null when none follows
     * @param error why the attempt failed, or null
     * @param skippedBecause why nothing was attempted, or null
     */
    public record Outcome(
            TaskStatus status,
            Instant executedAt,
            int nextAttempt,
            Instant retryAt,
            String error,
            String skippedBecause) {

        static Outcome of(AttemptRecord record) {
            boolean retries = record.to() == TaskStatus.IN_PROGRESS;
            return new Outcome(
                    record.to(),
                    record.executedAt(),
                    retries ? record.attempt() + 1 : 0,
                    record.nextAttemptAt(),
                    record.lastError(),
                    null);
        }

        static Outcome skipped(String reason) {
            return new Outcome(null, null, 0, null, null, reason);
        }

        /** Whether the attempt delivered the task. */
        public boolean ran() {
            return status == TaskStatus.COMPLETED;
        }

        /** Whether another attempt follows, at {@link #retryAt()}. */
        public boolean retries() {
            return retryAt != null;
        }
    }
}
