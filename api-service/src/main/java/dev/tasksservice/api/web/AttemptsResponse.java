package dev.tasksservice.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tasksservice.domain.model.Attempt;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.Timestamps;
import java.util.List;

/** The answer of {@code GET /tasks/{id}/attempts}: the latest attempts the task keeps, oldest first. */
record AttemptsResponse(String taskId, List<AttemptResponse> attempts) {

    static AttemptsResponse of(Task task) {
        return new AttemptsResponse(
                task.id().toString(),
                task.history().stream().map(AttemptResponse::of).toList());
    }

    /** One attempt; httpStatus, error and nextAttemptAt are left out when they do not apply. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AttemptResponse(
            int number,
            String startedAt,
            long durationMs,
            String outcome,
            Integer httpStatus,
            String error,
            String nextAttemptAt) {

        static AttemptResponse of(Attempt attempt) {
            return new AttemptResponse(
                    attempt.number(),
                    Timestamps.format(attempt.startedAt()),
                    attempt.duration().toMillis(),
                    attempt.outcome().name(),
                    attempt.httpStatus(),
                    attempt.error(),
                    attempt.nextAttemptAt() == null ? null : Timestamps.format(attempt.nextAttemptAt()));
        }
    }
}
