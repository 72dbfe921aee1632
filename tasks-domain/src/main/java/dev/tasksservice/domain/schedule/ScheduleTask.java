package dev.tasksservice.domain.schedule;

import dev.tasksservice.domain.model.DueTime;
import dev.tasksservice.domain.model.IdempotencyKey;
import dev.tasksservice.domain.model.Payload;
import dev.tasksservice.domain.model.Target;
import java.util.Objects;
import java.util.Optional;

/**
 * A client's request to run a task.
 *
 * @param due when to run it
 * @param payload the JSON value delivered to the target, or null
 * @param idempotencyKey the client's retry key, or null
 * @param target where to deliver it, or null for the deployment's default target
 * @param retry the retry policy asked for; null for the deployment's default
 */
public record ScheduleTask(
        DueTime due, String payload, IdempotencyKey idempotencyKey, Target target, RetryRequest retry) {

    public ScheduleTask {
        Objects.requireNonNull(due, "due");
        payload = Payload.checked(payload);
        retry = retry == null ? RetryRequest.DEFAULTS : retry;
    }

    /** A request without target or retry policy: the deployment's defaults. */
    public ScheduleTask(DueTime due, String payload, IdempotencyKey idempotencyKey) {
        this(due, payload, idempotencyKey, null, null);
    }

    public Optional<IdempotencyKey> idempotency() {
        return Optional.ofNullable(idempotencyKey);
    }
}
