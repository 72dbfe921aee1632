package dev.tasksservice.client;

import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of {@code POST /tasks}: when the task runs, either at {@code timestamp} or after the seed's
 * {@code hours}/{@code minutes}/{@code seconds} (each optional, summed), and an optional JSON {@code payload} handed to
 * the task when it runs, where to deliver it ({@code target}) and how often to try ({@code retry}). A null component is
 * left out of the request.
 *
 * <p>The service judges the request (in the future, at most 365 days ahead, a payload object of at most 64 KiB, a
 * target and a retry policy within the deployment's rules) and answers a broken rule with an
 * {@link InvalidTaskRequestException} naming the field; this record only makes sure the payload is well-formed JSON,
 * so that the request itself is.
 *
 * @param payload the payload as JSON text, or null for none
 * @param target where to deliver the task, or null for the deployment's default target
 * @param retry the retry policy, or null for the deployment's default; its parts left null take the defaults too
 */
public record ScheduleRequest(
        Instant timestamp, Long hours, Long minutes, Long seconds, String payload, Target target, RetryPolicy retry) {

    public ScheduleRequest {
        if (payload != null) {
            Json.parse(payload, "payload");
        }
    }

    /** A request for the deployment's default target and retry policy. */
    public ScheduleRequest(Instant timestamp, Long hours, Long minutes, Long seconds, String payload) {
        this(timestamp, hours, minutes, seconds, payload, null, null);
    }

    /** A task due at {@code timestamp}. */
    public static ScheduleRequest at(Instant timestamp) {
        return new ScheduleRequest(timestamp, null, null, null, null, null, null);
    }

    /** A task due after a delay given as the seed's {@code {"hours":h,"minutes":m,"seconds":s}}. */
    public static ScheduleRequest after(long hours, long minutes, long seconds) {
        return new ScheduleRequest(null, hours, minutes, seconds, null, null, null);
    }

    /** A task due after {@code delay}, a whole number of seconds, sent as {@code {"seconds":...}}. */
    public static ScheduleRequest after(Duration delay) {
        if (delay.getNano() != 0) {
            throw new IllegalArgumentException("the delay must be a whole number of seconds, got " + delay);
        }
        return new ScheduleRequest(null, null, null, delay.toSeconds(), null, null, null);
    }

    /** This request with {@code json} (JSON text, such as {@code {"orderId":42}}) as its payload. */
    public ScheduleRequest withPayload(String json) {
        return new ScheduleRequest(timestamp, hours, minutes, seconds, json, target, retry);
    }

    /** This request with {@code json} as its payload. */
    public ScheduleRequest withPayload(JsonNode json) {
        return withPayload(json == null ? null : json.toString());
    }

    /** This request delivering to {@code target}; null for the deployment's default target. */
    public ScheduleRequest withTarget(Target target) {
        return new ScheduleRequest(timestamp, hours, minutes, seconds, payload, target, retry);
    }

    /** This request with {@code retry} as its retry policy; null for the deployment's default. */
    public ScheduleRequest withRetry(RetryPolicy retry) {
        return new ScheduleRequest(timestamp, hours, minutes, seconds, payload, target, retry);
    }

    /** The request body as the API reads it. */
    String toJson() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (timestamp != null) {
            body.put("timestamp", timestamp.toString());
        }
        if (hours != null) {
            body.put("hours", hours);
        }
        if (minutes != null) {
            body.put("minutes", minutes);
        }
        if (seconds != null) {
            body.put("seconds", seconds);
        }
        if (payload != null) {
            body.set("payload", Json.parse(payload, "payload"));
        }
        if (target != null) {
            body.set("target", target.toJson());
        }
        if (retry != null) {
            body.set("retry", retry.toJson());
        }
        return body.toString();
    }
}
