package dev.tasksservice.api.web;

import dev.tasksservice.domain.model.DueTime;
import dev.tasksservice.domain.model.IdempotencyKey;
import dev.tasksservice.domain.schedule.ScheduleTask;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads the body of {@code POST /tasks}: either {@code {"timestamp": "..."}} or the seed's
 * {@code {"hours": h, "minutes": m, "seconds": s}}, each with an optional {@code "payload"} object. Every rule broken
 * is reported with the field that broke it.
 */
final class ScheduleRequestReader {

    static final String RELATIVE_FIELDS = "hours/minutes/seconds";
    private static final List<String> UNITS = List.of("hours", "minutes", "seconds");
    private static final List<String> FIELDS = List.of("timestamp", "hours", "minutes", "seconds", "payload");
    private static final long MAX_UNIT_VALUE = 1_000_000_000L;

    ScheduleTask read(JsonNode body, String idempotencyKey) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("body", "must be a JSON object");
        }
        for (String name : body.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw new InvalidRequestException(
                        name, "is not a known field; expected timestamp or hours/minutes/seconds, and payload");
            }
        }
        DueTime due = dueTime(body);
        String payload = payload(body.get("payload"));
        IdempotencyKey key = idempotencyKey == null ? null : new IdempotencyKey(idempotencyKey, fingerprint(body));
        return new ScheduleTask(due, payload, key);
    }

    private static DueTime dueTime(JsonNode body) {
        boolean relative = UNITS.stream().anyMatch(body::has);
        if (body.has("timestamp") && relative) {
            throw new InvalidRequestException("timestamp", "give either timestamp or hours/minutes/seconds, not both");
        }
        if (body.has("timestamp")) {
            return DueTime.at(instant(body.get("timestamp")));
        }
        if (!relative) {
            throw new InvalidRequestException(
                    "timestamp", "is required, unless the delay is given as hours/minutes/seconds");
        }
        Duration delay = Duration.ofHours(unit(body, "hours"))
                .plusMinutes(unit(body, "minutes"))
                .plusSeconds(unit(body, "seconds"));
        if (delay.isZero()) {
            throw new InvalidRequestException(RELATIVE_FIELDS, "the total delay must be greater than zero");
        }
        return DueTime.after(delay);
    }

    private static java.time.Instant instant(JsonNode timestamp) {
        String reason = "must be an ISO-8601 date-time with an offset, e.g. 2030-01-01T10:00:00.000Z";
        if (!timestamp.isString()) {
            throw new InvalidRequestException("timestamp", reason);
        }
        try {
            return OffsetDateTime.parse(timestamp.stringValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("timestamp", reason);
        }
    }

    private static long unit(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null) {
            return 0;
        }
        if (!value.isNumber()) {
            throw new InvalidRequestException(name, "must be a number, not " + kind(value));
        }
        if (!value.isIntegralNumber()) {
            throw new InvalidRequestException(name, "must be a whole number");
        }
        if (!value.canConvertToLong() || value.longValue() > MAX_UNIT_VALUE) {
            throw new InvalidRequestException(name, "is too large");
        }
        if (value.longValue() < 0) {
            throw new InvalidRequestException(name, "must not be negative");
        }
        return value.longValue();
    }

    private static String payload(JsonNode payload) {
        if (payload == null || payload.isNull()) {
            return null;
        }
        if (!payload.isObject()) {
            throw new InvalidRequestException("payload", "must be a JSON object, not " + kind(payload));
        }
        return payload.toString();
    }

    private static String kind(JsonNode value) {
        if (value.isString()) {
            return "a string";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isNull()) {
            return "null";
        }
        return value.isObject() ? "an object" : "a number";
    }

    /** Identifies the request whatever the order of its fields, so a faithful retry matches. */
    private static String fingerprint(JsonNode body) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(canonical(body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
            StringBuilder json = new StringBuilder("{");
            sorted.forEach((name, value) -> json.append(json.length() > 1 ? "," : "")
                    .append(JsonNodeFactory.instance.stringNode(name))
                    .append(':')
                    .append(canonical(value)));
            return json.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder json = new StringBuilder("[");
            for (JsonNode element : node.values()) {
                json.append(json.length() > 1 ? "," : "").append(canonical(element));
            }
            return json.append(']').toString();
        }
        return node.toString();
    }
}
