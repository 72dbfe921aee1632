package dev.tasksservice.client;

import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One attempt to deliver a task, as {@code GET /tasks/{id}/attempts} answers it.
 *
 * @param number the attempt's number, 1-based
 * @param startedAt when the delivery began
 * @param duration how long it took (field {@code durationMs})
 * @param outcome what became of it
 * @param httpStatus the status an HTTP target answered with; null for a queue target or when there was no answer
 * @param error why it failed; null when it succeeded
 * @param nextAttemptAt when the next attempt is due; null when none follows
 */
public record Attempt(
        int number,
        Instant startedAt,
        Duration duration,
        AttemptOutcome outcome,
        Integer httpStatus,
        String error,
        Instant nextAttemptAt) {

    /** Reads an attempt from the API's JSON; throws IllegalArgumentException for JSON that is not one. */
    static Attempt fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("attempt is not a JSON object");
        }
        JsonNode number = json.get("number");
        JsonNode duration = json.get("durationMs");
        String startedAt = Json.text(json, "startedAt");
        String outcome = Json.text(json, "outcome");
        if (number == null || !number.isNumber() || startedAt == null || outcome == null) {
            throw new IllegalArgumentException("attempt without number, startedAt or outcome");
        }
        JsonNode status = json.get("httpStatus");
        String next = Json.text(json, "nextAttemptAt");
        return new Attempt(
                number.intValue(),
                Instant.parse(startedAt),
                Duration.ofMillis(duration == null ? 0 : duration.asLong(0)),
                AttemptOutcome.valueOf(outcome),
                status == null || !status.isNumber() ? null : status.intValue(),
                Json.text(json, "error"),
                next == null ? null : Instant.parse(next));
    }
}
