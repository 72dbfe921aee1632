package dev.tasksservice.client;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A task as the API answers it. The components are the JSON fields of the answer ({@code time_left} is
 * {@code timeLeft}); those the API leaves out until they apply are null: {@code payload} when none was given,
 * {@code executedAt} until the task ran, {@code attempts} until there was one, {@code error} unless an attempt failed.
 *
 * @param timeLeft whole seconds until {@code timestamp}, rounded up; 0 once due
 * @param startExecutionAt the epoch second from which the pipeline picks the task up
 * @param payload the payload as JSON text
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
        String error) {

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
                Json.text(json, "error"));
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
