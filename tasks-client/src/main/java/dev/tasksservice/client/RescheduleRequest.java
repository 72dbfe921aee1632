package dev.tasksservice.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of {@code PATCH /tasks/{id}}: the parts of a waiting task to change; a part not given keeps its value.
 * Start with {@link #at(Instant)}, {@link #after(Duration)} or {@link #keepingTime()}, then add the other parts:
 *
 * <pre>{@code
 * tasks.reschedule(id, RescheduleRequest.after(Duration.ofMinutes(10)).withPayload("{\"orderId\":43}").ifVersion(2));
 * }</pre>
 *
 * <p>The service judges the change as it judges a new task, and refuses it with a {@link TaskStatusConflictException}
 * once the task has begun to run or is final, or when another change of the task won; with {@link #ifVersion(long)},
 * with a {@link TaskVersionConflictException} when the task is no longer at that version.
 */
public final class RescheduleRequest {

    private final Instant timestamp;
    private final Duration delay;
    private final ObjectNode parts;
    private final Long ifVersion;

    private RescheduleRequest(Instant timestamp, Duration delay, ObjectNode parts, Long ifVersion) {
        this.timestamp = timestamp;
        this.delay = delay;
        this.parts = parts;
        this.ifVersion = ifVersion;
    }

    /** Moves the task to {@code timestamp}. */
    public static RescheduleRequest at(Instant timestamp) {
        return new RescheduleRequest(
                Objects.requireNonNull(timestamp, "timestamp"), null, Json.MAPPER.createObjectNode(), null);
    }

    /** Moves the task to {@code delay} from now (the service's now), a whole number of seconds. */
    public static RescheduleRequest after(Duration delay) {
        if (delay.getNano() != 0) {
            throw new IllegalArgumentException("the delay must be a whole number of seconds, got " + delay);
        }
        return new RescheduleRequest(null, delay, Json.MAPPER.createObjectNode(), null);
    }

    /** Keeps the task's time; add the parts to change. */
    public static RescheduleRequest keepingTime() {
        return new RescheduleRequest(null, null, Json.MAPPER.createObjectNode(), null);
    }

    /** This change with {@code json} (JSON text, such as {@code {"orderId":42}}) as the new payload. */
    public RescheduleRequest withPayload(String json) {
        return with("payload", Json.parse(Objects.requireNonNull(json, "json"), "payload"));
    }

    /** This change with {@code json} as the new payload. */
    public RescheduleRequest withPayload(JsonNode json) {
        return with("payload", Objects.requireNonNull(json, "json"));
    }

    /** This change removing the task's payload. */
    public RescheduleRequest withoutPayload() {
        return with("payload", Json.MAPPER.nullNode());
    }

    /** This change delivering the task to {@code target}. */
    public RescheduleRequest withTarget(Target target) {
        return with("target", Objects.requireNonNull(target, "target").toJson());
    }

    /** This change delivering the task to the deployment's default target. */
    public RescheduleRequest withDefaultTarget() {
        return with("target", Json.MAPPER.nullNode());
    }

    /** This change with {@code retry} as the task's policy; its parts left null take the deployment's defaults. */
    public RescheduleRequest withRetry(RetryPolicy retry) {
        return with("retry", Objects.requireNonNull(retry, "retry").toJson());
    }

    /** This change giving the task the deployment's default retry policy. */
    public RescheduleRequest withDefaultRetry() {
        return with("retry", Json.MAPPER.nullNode());
    }

    /**
     * This change made only if the task is still at {@code version} (sent as {@code If-Match: "<version>"}), the
     * {@link Task#version()} it was read at: a change someone made in between is not overwritten.
     */
    public RescheduleRequest ifVersion(long version) {
        return new RescheduleRequest(timestamp, delay, parts, version);
    }

    /** The version the change is conditional on, if any. */
    public OptionalLong expectedVersion() {
        return ifVersion == null ? OptionalLong.empty() : OptionalLong.of(ifVersion);
    }

    private RescheduleRequest with(String name, JsonNode value) {
        ObjectNode more = parts.deepCopy();
        more.set(name, value);
        return new RescheduleRequest(timestamp, delay, more, ifVersion);
    }

    /** The request body as the API reads it. */
    String toJson() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (timestamp != null) {
            body.put("timestamp", timestamp.toString());
        }
        if (delay != null) {
            body.put("seconds", delay.toSeconds());
        }
        body.setAll(parts);
        return body.toString();
    }

    @Override
    public String toString() {
        return toJson() + (ifVersion == null ? "" : " if version " + ifVersion);
    }
}
