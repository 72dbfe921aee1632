package dev.tasksservice.domain.schedule;

import dev.tasksservice.domain.model.DueTime;
import dev.tasksservice.domain.model.IdempotencyKey;
import dev.tasksservice.domain.model.Payload;
import dev.tasksservice.domain.model.Target;
import dev.tasksservice.domain.model.TenantId;
import java.util.Objects;
import java.util.Optional;

/**
 * A client's request to run a task.
 *
 * @param tenant the client asking: the task is its, and so is the idempotency key
 * @param due when to run it
 * @param payload the JSON value delivered to the target, or null
 * @param idempotencyKey the client's retry key, or null
 * @param target where to deliver it, or null for the deployment's default target
 * @param retry the retry policy asked for; null for the deployment's default
 */
public record ScheduleTask(
        TenantId tenant,
        DueTime due,
        String payload,
        IdempotencyKey idempotencyKey,
        Target target,
        RetryRequest retry) {

    public ScheduleTask {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(due, "due");
        payload = Payload.checked(payload);
        retry = retry == null ? RetryRequest.DEFAULTS : retry;
    }

    /** A request without target or retry policy: the deployment's defaults. */
    public ScheduleTask(TenantId tenant, DueTime due, String payload, IdempotencyKey idempotencyKey) {
        this(tenant, due, payload, idempotencyKey, null, null);
    }

    public Optional<IdempotencyKey> idempotency() {
        return Optional.ofNullable(idempotencyKey);
    }
}
