package dev.tasksservice.api.web;

import dev.tasksservice.domain.model.HttpTarget;
import dev.tasksservice.domain.model.InvalidTaskException;
import dev.tasksservice.domain.model.QueueTarget;
import dev.tasksservice.domain.model.Target;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads a request's {@code target}: {@code {"type":"http","url":...,"method":...,"headers":{...},"timeoutMs":...}} or
 * {@code {"type":"sqs","queueUrl":...}}. Every problem names its field below {@code target}, such as
 * {@code target.headers.X-Foo}; the rules of the target itself are the domain's.
 */
final class TargetReader {

    static final String FIELD = "target";
    private static final String PREFIX = FIELD + ".";
    private static final List<String> HTTP_FIELDS = List.of("type", "url", "method", "headers", "timeoutMs");
    private static final List<String> SQS_FIELDS = List.of("type", "queueUrl");

    private TargetReader() {}

    /** The target {@code value} describes; {@code value} is not null (JSON null means no target, decided by callers). */
    static Target read(JsonNode value) {
        JsonNode target = JsonFields.object(value, FIELD);
        JsonNode type = target.get("type");
        if (type == null) {
            throw new InvalidRequestException(PREFIX + "type", "is required: http or sqs");
        }
        String typeName = JsonFields.string(type, PREFIX + "type");
        try {
            return switch (typeName) {
                case "http" -> http(target);
                case "sqs" -> queue(target);
                default -> throw new InvalidRequestException(PREFIX + "type", "must be http or sqs, not " + typeName);
            };
        } catch (InvalidTaskException e) {
            // The domain names the field relative to the target.
            throw new InvalidRequestException(PREFIX + e.field(), e.getMessage());
        }
    }

    private static HttpTarget http(JsonNode target) {
        JsonFields.onlyKnown(target, PREFIX, HTTP_FIELDS, "for an http target: " + String.join(", ", HTTP_FIELDS));
        URI url = HttpTarget.parseUrl(required(target, "url"));
        String method = optionalString(target, "method");
        Map<String, String> headers = headers(target.get("headers"));
        JsonNode timeoutMs = target.get("timeoutMs");
        Duration timeout = timeoutMs == null
                ? null
                : Duration.ofMillis(positive(JsonFields.wholeNumber(timeoutMs, PREFIX + "timeoutMs"), "timeoutMs"));
        return new HttpTarget(url, method, headers, timeout);
    }

    private static QueueTarget queue(JsonNode target) {
        JsonFields.onlyKnown(target, PREFIX, SQS_FIELDS, "for an sqs target: " + String.join(", ", SQS_FIELDS));
        return new QueueTarget(required(target, "queueUrl"));
    }

    private static Map<String, String> headers(JsonNode headers) {
        if (headers == null) {
            return Map.of();
        }
        JsonFields.object(headers, PREFIX + "headers");
        Map<String, String> read = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> header : headers.properties()) {
            String field = PREFIX + "headers." + header.getKey();
            read.put(header.getKey(), JsonFields.string(header.getValue(), field));
        }
        return read;
    }

    private static String required(JsonNode target, String name) {
        JsonNode value = target.get(name);
        if (value == null || value.isNull()) {
            throw new InvalidRequestException(PREFIX + name, "is required");
        }
        return JsonFields.string(value, PREFIX + name);
    }

    private static String optionalString(JsonNode target, String name) {
        JsonNode value = target.get(name);
        return value == null ? null : JsonFields.string(value, PREFIX + name);
    }

    /** A negative or huge number would not make a Duration the domain can judge; it is out of bounds either way. */
    private static long positive(long millis, String name) {
        if (millis < 0 || millis > Duration.ofDays(1).toMillis()) {
            throw new InvalidTaskException(
                    name,
                    "must be between " + HttpTarget.MIN_TIMEOUT.toMillis() + " and "
                            + HttpTarget.MAX_TIMEOUT.toMillis());
        }
        return millis;
    }
}
