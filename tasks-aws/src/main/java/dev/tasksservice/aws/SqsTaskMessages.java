package dev.tasksservice.aws;

import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.Timestamps;
import java.util.UUID;

/**
 * The format of a task's message on the dispatch queue, shared by the producer and the consumer: the body is the task
 * id, nothing else, so the consumer always reads the task's current state from the store.
 */
public final class SqsTaskMessages {

    /** Message attribute with the task's due time, for people reading the queue; consumers do not rely on it. */
    public static final String TIMESTAMP_ATTRIBUTE = "timestamp";

    private static final int MAX_BODY_IN_ERROR = 100;

    private SqsTaskMessages() {}

    public static String body(Task task) {
        return task.id().toString();
    }

    public static String timestamp(Task task) {
        return Timestamps.format(task.timestamp());
    }

    /** The task id in {@code body}; throws {@link IllegalArgumentException} if the body is not a task id. */
    public static UUID taskId(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("SQS message body is empty: expected a task id (UUID)");
        }
        try {
            UUID id = UUID.fromString(body);
            // UUID.fromString accepts short forms like "1-2-3-4-5"; only the canonical form is a task id.
            if (id.toString().equalsIgnoreCase(body)) {
                return id;
            }
        } catch (IllegalArgumentException notAUuid) {
            // Reported below with the body.
        }
        throw new IllegalArgumentException("SQS message body is not a task id (UUID): '" + shortened(body) + "'");
    }

    private static String shortened(String body) {
        return body.length() <= MAX_BODY_IN_ERROR ? body : body.substring(0, MAX_BODY_IN_ERROR) + "...";
    }
}
