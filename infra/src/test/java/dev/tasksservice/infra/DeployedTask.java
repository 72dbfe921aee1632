package dev.tasksservice.infra;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** What the deployed API answers about a task, as far as the suite looks at it. */
record DeployedTask(String id, String status, Instant timestamp, Instant executedAt) {

    static DeployedTask from(JsonNode task) {
        return new DeployedTask(
                task.path("id").asString(),
                task.path("status").asString(),
                Instant.parse(task.path("timestamp").asString()),
                task.hasNonNull("executedAt")
                        ? Instant.parse(task.get("executedAt").asString())
                        : null);
    }

    /** COMPLETED, FAILED and CANCELLED never change again. */
    boolean isFinal() {
        return switch (status) {
            case "COMPLETED", "FAILED", "CANCELLED" -> true;
            default -> false;
        };
    }
}
