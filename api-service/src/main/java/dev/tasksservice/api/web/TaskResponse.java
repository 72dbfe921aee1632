package dev.tasksservice.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.Timestamps;
import java.time.Instant;

/**
 * A task as clients see it: the seed's {@code id}, {@code status} and {@code time_left}, and the task's times.
 * Fields that do not apply yet (payload, executedAt, attempts, error) are left out.
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
        Integer attempts,
        String error) {

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
                task.lastError());
    }

    /** Whole seconds left, rounded up: a task due in 64.2 s has 65 s left, and only a due task has 0. */
    private static long secondsLeft(Task task, Instant now) {
        long millis = task.timeLeft(now).toMillis();
        return (millis + 999) / 1000;
    }
}
