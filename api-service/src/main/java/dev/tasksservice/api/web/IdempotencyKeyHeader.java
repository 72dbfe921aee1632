package dev.tasksservice.api.web;

import dev.tasksservice.domain.model.IdempotencyKey;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;

/**
 * Reads the {@code Idempotency-Key} header: one value of 1 to 255 printable ASCII characters (space to tilde). Two
 * headers are refused rather than joined into one key "a,b", which no client meant.
 */
final class IdempotencyKeyHeader {

    private IdempotencyKeyHeader() {}

    /** The key the request gives, or null when it gives none. */
    static String read(HttpServletRequest request) {
        List<String> values = Collections.list(request.getHeaders(IdempotencyKey.FIELD));
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new InvalidRequestException(
                    IdempotencyKey.FIELD, "must be given once, not " + values.size() + " times");
        }
        String key = values.getFirst();
        if (key.isBlank()) {
            throw new InvalidRequestException(
                    IdempotencyKey.FIELD, "must not be blank: 1 to " + IdempotencyKey.MAX_LENGTH + " characters");
        }
        if (key.length() > IdempotencyKey.MAX_LENGTH) {
            throw new InvalidRequestException(
                    IdempotencyKey.FIELD, "must be 1 to " + IdempotencyKey.MAX_LENGTH + " characters long");
        }
        if (!key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new InvalidRequestException(
                    IdempotencyKey.FIELD, "must be printable ASCII characters only (space to ~)");
        }
        return key;
    }
}
