package dev.tasksservice.api.web;

import dev.tasksservice.domain.schedule.RetryRequest;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads a request's {@code retry}: {@code {"maxAttempts":..,"initialBackoffMs":..,"maxBackoffMs":..}}, each part
 * optional. The bounds are the deployment's, judged by the domain ({@code retry.maxAttempts} and so on).
 */
final class RetryReader {

    static final String FIELD = "retry";
    private static final String PREFIX = FIELD + ".";
    private static final List<String> FIELDS = List.of("maxAttempts", "initialBackoffMs", "maxBackoffMs");

    private RetryReader() {}

    /** The policy {@code value} asks for; {@code value} is not null (JSON null is decided by callers). */
    static RetryRequest read(JsonNode value) {
        JsonNode retry = JsonFields.object(value, FIELD);
        JsonFields.onlyKnown(retry, PREFIX, FIELDS, String.join(", ", FIELDS));
        Long attempts = number(retry, "maxAttempts");
        if (attempts != null && (attempts < Integer.MIN_VALUE || attempts > Integer.MAX_VALUE)) {
            throw new InvalidRequestException(PREFIX + "maxAttempts", "is too large");
        }
        return new RetryRequest(
                attempts == null ? null : attempts.intValue(),
                number(retry, "initialBackoffMs"),
                number(retry, "maxBackoffMs"));
    }

    private static Long number(JsonNode retry, String name) {
        JsonNode value = retry.get(name);
        return value == null ? null : JsonFields.wholeNumber(value, PREFIX + name);
    }
}
