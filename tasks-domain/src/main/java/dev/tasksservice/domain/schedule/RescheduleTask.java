package dev.tasksservice.domain.schedule;

import dev.tasksservice.domain.model.DueTime;
import dev.tasksservice.domain.model.Payload;
import dev.tasksservice.domain.model.Target;
import dev.tasksservice.domain.model.TenantId;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A client's change of a task that has not begun to run. A part left out keeps its value.
 *
 * @param tenant the client asking: only its own task is changed
 * @param due the new time, or null to keep it
 * @param payload the new payload, when given (its value may be null: no payload)
 * @param target the new target, when given (its value may be null: the deployment's default)
 * @param retry the new retry policy, or null to keep it; its parts left null take the deployment's defaults
 * @param expectedVersion the version the client read ({@code If-Match}): the change applies only to the task at that
 *     version; null to change the task at whatever version it is
 */
public record RescheduleTask(
        TenantId tenant,
        UUID taskId,
        DueTime due,
        Optional<Change<String>> payload,
        Optional<Change<Target>> target,
        RetryRequest retry,
        Long expectedVersion) {

    public RescheduleTask {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(taskId, "taskId");
        payload = payload == null ? Optional.empty() : payload;
        target = target == null ? Optional.empty() : target;
        payload.ifPresent(change -> Payload.checked(change.value()));
    }

    /** A change of the task at whatever version it is. */
    public RescheduleTask(
            TenantId tenant,
            UUID taskId,
            DueTime due,
            Optional<Change<String>> payload,
            Optional<Change<Target>> target,
            RetryRequest retry) {
        this(tenant, taskId, due, payload, target, retry, null);
    }

    /** Whether the request changes anything at all. */
    public boolean changesNothing() {
        return due == null && payload.isEmpty() && target.isEmpty() && retry == null;
    }

    /** A new value for one part of a task; null is a value too (no payload, no target). */
    public record Change<T>(T value) {

        /** The new value if {@code change} is given, else {@code current}: a change to null is kept as null. */
        static <T> T applied(Optional<Change<T>> change, T current) {
            return change.isPresent() ? change.get().value() : current;
        }
    }
}
