package dev.tasksservice.e2e;

import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/** Task records as the API would answer them, for tests. */
final class TaskRecords {

    private TaskRecords() {}

    static TaskRecord scheduled(String id, Instant timestamp) {
        return new TaskRecord(json(id, "SCHEDULED", timestamp));
    }

    static TaskRecord completed(String id, Instant timestamp, Instant executedAt) {
        return new TaskRecord(json(id, "COMPLETED", timestamp)
                .put("executedAt", IsoTime.format(executedAt))
                .put("attempts", 1));
    }

    static TaskRecord failed(String id, Instant timestamp, String error) {
        return new TaskRecord(json(id, "FAILED", timestamp)
                .put("executedAt", IsoTime.format(timestamp))
                .put("attempts", 3)
                .put("error", error));
    }

    static TaskRecord withStatus(String id, String status, Instant timestamp) {
        return new TaskRecord(json(id, status, timestamp));
    }

    private static ObjectNode json(String id, String status, Instant timestamp) {
        return TasksClient.JSON
                .createObjectNode()
                .put("id", id)
                .put("status", status)
                .put("timestamp", IsoTime.format(timestamp));
    }
}
