package dev.tasksservice.api.web;

import dev.tasksservice.domain.model.DueTime;
import dev.tasksservice.domain.model.Target;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.schedule.RescheduleTask;
import dev.tasksservice.domain.schedule.RescheduleTask.Change;
import dev.tasksservice.domain.schedule.RetryRequest;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Reads the body of {@code PATCH /tasks/{id}}, a JSON merge patch of the task's parts: the due time in either form
 * that {@code POST /tasks} takes, {@code payload}, {@code target} and {@code retry}, each read as strictly. A part left
 * out keeps its value; {@code null} removes the payload, sends the task to the deployment's default target, or gives
 * it the deployment's default retry policy. An empty object changes nothing.
 */
final class RescheduleRequestReader {

    private static final List<String> FIELDS =
            List.of("timestamp", "hours", "minutes", "seconds", "payload", "target", "retry");

    /** @param expectedVersion the version named by {@code If-Match}, or empty */
    RescheduleTask read(TenantId tenant, UUID taskId, JsonNode body, OptionalLong expectedVersion) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("body", "must be a JSON object");
        }
        FaithfulJson.check(body);
        JsonFields.onlyKnown(body, "", FIELDS, "any of timestamp or hours/minutes/seconds, payload, target, retry");
        DueTime due = DueTimeReader.given(body) ? DueTimeReader.read(body) : null;
        Optional<Change<String>> payload = body.has("payload")
                ? Optional.of(new Change<>(ScheduleRequestReader.payload(body.get("payload"))))
                : Optional.empty();
        Optional<Change<Target>> target = Optional.ofNullable(body.get("target"))
                .map(value -> new Change<>(value.isNull() ? null : TargetReader.read(value)));
        RetryRequest retry = Optional.ofNullable(body.get("retry"))
                .map(value -> value.isNull() ? RetryRequest.DEFAULTS : RetryReader.read(value))
                .orElse(null);
        Long version = expectedVersion.isPresent() ? expectedVersion.getAsLong() : null;
        return new RescheduleTask(tenant, taskId, due, payload, target, retry, version);
    }
}
