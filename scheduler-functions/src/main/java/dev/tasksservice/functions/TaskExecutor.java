package dev.tasksservice.functions;

import dev.tasksservice.domain.execute.ExecuteTask;
import dev.tasksservice.domain.model.Timestamps;
import dev.tasksservice.domain.port.out.TaskMetrics;
import java.util.UUID;
import java.util.function.Function;

/**
 * Called by the task's workflow once its wait is over: runs one attempt of the task and answers what comes next. When
 * another attempt follows, the answer says {@code RETRY} with the instant it is due ({@code retryAt}) and its number
 * ({@code nextAttempt}): the workflow waits until then and calls again. The task's own retry policy decides this, so
 * the workflow's definition holds no policy of its own.
 */
public class TaskExecutor implements Function<TaskExecutor.Input, TaskExecutor.Result> {

    /** The answer when another attempt follows. */
    public static final String RETRY = "RETRY";

    /** The answer when the task ended FAILED. */
    public static final String FAILED = "FAILED";

    /** The answer when the task was delivered. */
    public static final String COMPLETED = "COMPLETED";

    /** The answer when nothing was attempted (cancelled, changed, gone, or the attempt was claimed before). */
    public static final String SKIPPED = "SKIPPED";

    private final ExecuteTask executeTask;
    private final TaskMetrics metrics;

    /** With {@code metrics} flushed at the end of each call: on a Lambda, that writes the invocation's metrics. */
    public TaskExecutor(ExecuteTask executeTask, TaskMetrics metrics) {
        this.executeTask = executeTask;
        this.metrics = metrics;
    }

    @Override
    public Result apply(Input input) {
        UUID taskId = UUID.fromString(input.id());
        try {
            ExecuteTask.Outcome outcome = executeTask.execute(taskId, input.attemptNumber(), input.versionNumber());
            return Result.of(input.id(), outcome);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to run task " + taskId, e);
        } finally {
            metrics.flush();
        }
    }

    /**
     * What the workflow passes.
     *
     * @param id the task id
     * @param timestamp the instant the workflow waited for: the task's timestamp, or the time of a retry
     * @param attempt the attempt to run (1-based), which the workflow counts in its own data so that a retry of the
     *     same attempt (after a Lambda platform error) claims the same number and cannot run the task twice; 1 when
     *     absent
     * @param version the task's version the workflow was started for; a task changed since is not run; 0 when absent
     */
    public record Input(String id, String timestamp, Integer attempt, Long version) {

        public int attemptNumber() {
            return attempt == null ? 1 : attempt;
        }

        public long versionNumber() {
            return version == null ? 0 : version;
        }
    }

    /**
     * The executor's answer.
     *
     * @param status COMPLETED, FAILED, RETRY or SKIPPED
     * @param executedAt when the delivery that succeeded began; null otherwise
     * @param nextAttempt the attempt that follows a RETRY; null otherwise
     * @param retryAt when that attempt is due (text form); null otherwise
     * @param error why the attempt failed; null when it did not
     * @param skippedBecause why nothing was attempted; null unless SKIPPED
     */
    public record Result(
            String id,
            String status,
            String executedAt,
            Integer nextAttempt,
            String retryAt,
            String error,
            String skippedBecause) {

        static Result of(String id, ExecuteTask.Outcome outcome) {
            if (outcome.status() == null) {
                return new Result(id, SKIPPED, null, null, null, null, outcome.skippedBecause());
            }
            String status = switch (outcome.status()) {
                case COMPLETED -> COMPLETED;
                case FAILED -> FAILED;
                default -> RETRY;
            };
            return new Result(
                    id,
                    status,
                    outcome.executedAt() == null ? null : Timestamps.format(outcome.executedAt()),
                    outcome.retries() ? outcome.nextAttempt() : null,
                    outcome.retries() ? Timestamps.format(outcome.retryAt()) : null,
                    outcome.error(),
                    null);
        }

        /** Whether the workflow calls again, for {@link #nextAttempt()} at {@link #retryAt()}. */
        public boolean retries() {
            return RETRY.equals(status);
        }
    }
}
