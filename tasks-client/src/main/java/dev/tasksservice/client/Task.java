package dev.tasksservice.client;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A task as the API answers it. The components are the JSON fields of the answer ({@code time_left} is
 * {@code timeLeft}); those the API leaves out until they apply are null: {@code payload} when none was given,
 * {@code executedAt} until the task ran, {@code attempts} until there was one, {@code error} and {@code lastError}
 * unless an attempt failed, {@code target} for the deployment's default target, {@code nextAttemptAt} unless a retry
 * waits.
 *
 * @param timeLeft whole seconds until {@code timestamp}, rounded up; 0 once due
 * @param startExecutionAt the epoch second from which the pipeline picks the task up
 * @param payload the payload as JSON text
 * @param error why the last attempt failed (the seed's name of {@code lastError})
 * @param target where the task is delivered; the values of an HTTP target's headers read {@code ***}
 * @param retry the task's retry policy, every part given
 * @param lastError why the last attempt failed
 * @param nextAttemptAt when the next attempt is due after a failed one
 * @param version counts the changes made to the task; name it with {@link RescheduleRequest#ifVersion(long)}
 */
public record Task(
        UUID id,
        TaskStatus status,
        long timeLeft,
        Instant timestamp,
        long startExecutionAt,
        Instant lastUpdatedAt,
        Instant createdAt,
        String payload,
        Instant executedAt,
        Integer attempts,
        String error,
        Target target,
        RetryPolicy retry,
        String lastError,
        Instant nextAttemptAt,
        long version) {

    /** A task with the seed's fields only: the default target and retry policy, at version 0. */
    public Task(
            UUID id,
            TaskStatus status,
            long timeLeft,
            Instant timestamp,
            long startExecutionAt,
            Instant lastUpdatedAt,
            Instant createdAt,
            String payload,
            Instant executedAt,
            Integer attempts,
            String error) {
        this(
                id,
                status,
                timeLeft,
                timestamp,
                startExecutionAt,
                lastUpdatedAt,
                createdAt,
                payload,
                executedAt,
                attempts,
                error,
                null,
                null,
                error,
                null,
                0);
    }

    /** The payload as a JSON tree, or null when the task has none. */
    public JsonNode payloadJson() {
        return payload == null ? null : Json.parse(payload, "payload");
    }

    /** True once the task is COMPLETED, FAILED or CANCELLED. */
    public boolean isFinal() {
        return status.isFinal();
    }

    /** Reads a task from the API's JSON; throws IllegalArgumentException for JSON that is not a task. */
    static Task fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode payload = json.get("payload");
        JsonNode attempts = json.get("attempts");
        JsonNode target = json.get("target");
        JsonNode retry = json.get("retry");
        return new Task(
                UUID.fromString(required(json, "id")),
                TaskStatus.valueOf(required(json, "status")),
                json.path("time_left").asLong(0),
                Instant.parse(required(json, "timestamp")),
                json.path("startExecutionAt").asLong(0),
                instant(json, "lastUpdatedAt"),
                instant(json, "createdAt"),
                payload == null || payload.isNull() ? null : payload.toString(),
                instant(json, "executedAt"),
                attempts == null || attempts.isNull() ? null : attempts.asInt(),
                Json.text(json, "error"),
                target == null || target.isNull() ? null : Target.fromJson(target),
                retry == null || retry.isNull() ? null : RetryPolicy.fromJson(retry),
                Json.text(json, "lastError"),
                instant(json, "nextAttemptAt"),
                json.path("version").asLong(0));
    }

    private static String required(JsonNode json, String name) {
        String value = Json.text(json, name);
        if (value == null) {
            throw new IllegalArgumentException("no " + name);
        }
        return value;
    }

    private static Instant instant(JsonNode json, String name) {
        String value = Json.text(json, name);
        return value == null ? null : Instant.parse(value);
    }
}
