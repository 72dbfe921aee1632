package dev.tasksservice.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.Timestamps;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A task as clients see it: the seed's {@code id}, {@code status} and {@code time_left}, the task's times, where it is
 * delivered and how often it is tried. Fields that do not apply (payload, executedAt, attempts, error and lastError,
 * target for the deployment's default, nextAttemptAt) are left out. {@code error} is the seed's name of
 * {@code lastError}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TaskResponse(
        String id,
        String status,
        @JsonProperty("time_left") long timeLeft,
        String timestamp,
        long startExecutionAt,
        String lastUpdatedAt,
        String createdAt,
        @JsonRawValue Object payload,
        String executedAt,

        @Schema(description = "How many attempts were made; left out before the first")
        Integer attempts,

        @Schema(description = "Why the last attempt failed (the seed's name of lastError)")
        String error,

        @Schema(description = "Where the task is delivered; left out for the deployment's default target")
        TargetResponse target,

        @Schema(description = "How often the task is tried, the pauses in milliseconds")
        RetryResponse retry,

        @Schema(description = "Why the last attempt failed; left out unless one did")
        String lastError,

        @Schema(description = "When the next attempt is due after a failed one; left out unless a retry waits")
        String nextAttemptAt,

        @Schema(
                description =
                        "Counts the client's changes of the task (PATCH); name it in If-Match, as \"3\", to change only"
                                + " the task you read")
        long version) {

    static TaskResponse of(Task task, Instant now) {
        return new TaskResponse(
                task.id().toString(),
                task.status().name(),
                secondsLeft(task, now),
                Timestamps.format(task.timestamp()),
                task.startExecutionAt(),
                Timestamps.format(task.lastUpdatedAt()),
                Timestamps.format(task.createdAt()),
                task.payload(),
                task.executedAt() == null ? null : Timestamps.format(task.executedAt()),
                task.attempts() == 0 ? null : task.attempts(),
                task.lastError(),
                task.target() == null ? null : TargetResponse.of(task.target()),
                RetryResponse.of(task.retry()),
                task.lastError(),
                task.nextAttemptAt() == null ? null : Timestamps.format(task.nextAttemptAt()),
                task.version());
    }

    /** Whole seconds left, rounded up: a task due in 64.2 s has 65 s left, and only a due task has 0. */
    private static long secondsLeft(Task task, Instant now) {
        long millis = task.timeLeft(now).toMillis();
        return (millis + 999) / 1000;
    }
}
