package dev.tasksservice.aws;

import dev.tasksservice.domain.model.InvalidCursorException;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns a position in the status index into an opaque cursor and back into the index's ExclusiveStartKey. A cursor only continues a listing of the status
 * it was made for.
 */
final class PageCursor {

    private static final String VERSION = "v1";

    private PageCursor() {}

    /** The cursor of the page that follows {@code last}. */
    static String after(Task last) {
        String position = String.join(
                "|",
                VERSION,
                last.status().name(),
                Long.toString(last.startExecutionAt()),
                last.id().toString());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor of the page that follows {@code lastEvaluatedKey}, a position in the index of {@code status}. */
    static String at(Map<String, AttributeValue> lastEvaluatedKey, TaskStatus status) {
        String position = String.join(
                "|",
                VERSION,
                status.name(),
                lastEvaluatedKey.get(TaskItem.START_EXECUTION_AT).n(),
                lastEvaluatedKey.get(TaskItem.ID).s());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, AttributeValue> decode(String cursor, TaskStatus status) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 4 || !VERSION.equals(parts[0]) || !status.name().equals(parts[1])) {
                throw new InvalidCursorException();
            }
            long startExecutionAt = Long.parseLong(parts[2]);
            UUID id = UUID.fromString(parts[3]);
            return Map.of(
                    TaskItem.STATUS, TaskItem.s(status.name()),
                    TaskItem.START_EXECUTION_AT, TaskItem.n(startExecutionAt),
                    TaskItem.ID, TaskItem.s(id.toString()));
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
    }
}
