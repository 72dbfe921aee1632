package dev.tasksservice.client;

import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How often the service attempts to deliver a task, and how long it pauses in between: exponential backoff with full
 * jitter, each pause drawn between zero and a ceiling that starts at {@code initialBackoff} and doubles after each
 * failed attempt, up to {@code maxBackoff}. In a request, a part left null takes the deployment's default; a task read
 * from the API has every part. The deployment sets the ceilings (at most 20 attempts); a part beyond them is refused
 * with an {@link InvalidTaskRequestException} naming it, such as {@code retry.maxAttempts}.
 *
 * @param maxAttempts attempts in all, the first included
 * @param initialBackoff the ceiling of the pause after the first failed attempt, sent in whole milliseconds
 * @param maxBackoff the highest ceiling a pause may reach, sent in whole milliseconds
 */
public record RetryPolicy(Integer maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** At most {@code maxAttempts} attempts, with the deployment's pauses. */
    public static RetryPolicy attempts(int maxAttempts) {
        return new RetryPolicy(maxAttempts, null, null);
    }

    /** This policy with pauses whose ceiling starts at {@code initial} and grows to {@code max}. */
    public RetryPolicy withBackoff(Duration initial, Duration max) {
        return new RetryPolicy(maxAttempts, initial, max);
    }

    /** The policy as the API reads it: only the parts given. */
    ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        if (maxAttempts != null) {
            json.put("maxAttempts", maxAttempts);
        }
        if (initialBackoff != null) {
            json.put("initialBackoffMs", initialBackoff.toMillis());
        }
        if (maxBackoff != null) {
            json.put("maxBackoffMs", maxBackoff.toMillis());
        }
        return json;
    }

    /** Reads a policy from the API's JSON; the parts missing are null. */
    static RetryPolicy fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("retry is not a JSON object");
        }
        JsonNode attempts = json.get("maxAttempts");
        return new RetryPolicy(
                attempts == null || !attempts.isNumber() ? null : attempts.intValue(),
                millis(json, "initialBackoffMs"),
                millis(json, "maxBackoffMs"));
    }

    private static Duration millis(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value == null || !value.isNumber() ? null : Duration.ofMillis(value.longValue());
    }
}
