package dev.tasksservice.e2e;

import dev.tasksservice.client.Task;
import dev.tasksservice.client.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Tasks as the API would answer them, for tests; each named by a label that stands for its id. */
final class TestTasks {

    private TestTasks() {}

    /** The id of the task labelled {@code label}: the same label, the same id. */
    static UUID id(String label) {
        return UUID.nameUUIDFromBytes(label.getBytes(StandardCharsets.UTF_8));
    }

    static Task scheduled(String label, Instant timestamp) {
        return withStatus(label, "SCHEDULED", timestamp);
    }

    static Task completed(String label, Instant timestamp, Instant executedAt) {
        return task(label, TaskStatus.COMPLETED, timestamp, executedAt, 1, null);
    }

    static Task failed(String label, Instant timestamp, String error) {
        return task(label, TaskStatus.FAILED, timestamp, timestamp, 3, error);
    }

    static Task withStatus(String label, String status, Instant timestamp) {
        return task(label, TaskStatus.valueOf(status), timestamp, null, null, null);
    }

    private static Task task(
            String label, TaskStatus status, Instant timestamp, Instant executedAt, Integer attempts, String error) {
        return new Task(
                id(label),
                status,
                0,
                timestamp,
                timestamp.getEpochSecond() - 120,
                timestamp.minusSeconds(60),
                timestamp.minusSeconds(60),
                null,
                executedAt,
                attempts,
                error);
    }
}
