package dev.tasksservice.functions;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tasksservice.domain.execute.ExecuteTask;
import dev.tasksservice.domain.model.Timestamps;
import java.util.UUID;
import java.util.function.Function;

/**
 * Called by the task's workflow once its wait is over: runs one attempt of the task. A failed attempt is thrown, so
 * the workflow retries it; once the retries are used up the workflow calls again with {@code failure} set, and the
 * task is marked FAILED.
 */
public class TaskExecutor implements Function<TaskExecutor.Input, TaskExecutor.Result> {

    private final ExecuteTask executeTask;

    public TaskExecutor(ExecuteTask executeTask) {
        this.executeTask = executeTask;
    }

    @Override
    public Result apply(Input input) {
        UUID taskId = UUID.fromString(input.id());
        if (input.failure() != null) {
            executeTask.markFailed(taskId, input.failure().describe());
            return new Result(input.id(), false, null, "failed after retries");
        }
        try {
            ExecuteTask.Outcome outcome = executeTask.execute(taskId, input.attemptNumber());
            return new Result(
                    input.id(),
                    outcome.ran(),
                    outcome.executedAt() == null ? null : Timestamps.format(outcome.executedAt()),
                    outcome.skippedBecause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to run task " + taskId, e);
        }
    }

    /**
     * What the state machine passes.
     *
     * @param id the task id
     * @param timestamp when the task is due (the workflow waited for it)
     * @param attempt the attempt to run (1-based), which the state machine counts in its own data so that a retry
     *     of the same attempt (after a Lambda platform error) claims the same number and cannot run the task twice;
     *     1 when absent
     * @param failure the error caught after the last attempt, or null
     */
    public record Input(String id, String timestamp, Integer attempt, Failure failure) {

        public int attemptNumber() {
            return attempt == null ? 1 : attempt;
        }
    }

    /** The state machine's caught error: {@code {"Error": ..., "Cause": ...}}. */
    public record Failure(
            @JsonProperty("Error") String error,
            @JsonProperty("Cause") String cause) {

        String describe() {
            return LambdaErrorCause.message(cause, error);
        }
    }

    public record Result(String id, boolean ran, String executedAt, String skippedBecause) {}
}
