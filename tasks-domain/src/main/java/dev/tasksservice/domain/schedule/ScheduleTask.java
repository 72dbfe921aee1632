package dev.tasksservice.domain.schedule;

import dev.tasksservice.domain.model.DueTime;
import dev.tasksservice.domain.model.IdempotencyKey;
import dev.tasksservice.domain.model.Payload;
import java.util.Objects;
import java.util.Optional;

/**
 * A client's request to run a task.
 *
 * @param due when to run it
 * @param payload the JSON object handed to the task, or null
 * @param idempotencyKey the client's retry key, or null
 */
public record ScheduleTask(DueTime due, String payload, IdempotencyKey idempotencyKey) {

    public ScheduleTask {
        Objects.requireNonNull(due, "due");
        payload = Payload.checked(payload);
    }

    public Optional<IdempotencyKey> idempotency() {
        return Optional.ofNullable(idempotencyKey);
    }
}
