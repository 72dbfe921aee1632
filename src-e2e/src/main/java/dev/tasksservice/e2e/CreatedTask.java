package dev.tasksservice.e2e;

import dev.tasksservice.client.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A task the bench created: the task as the API answered, how long the POST took and when it answered. */
record CreatedTask(Task task, Duration postLatency, Instant answeredAt) {

    UUID id() {
        return task.id();
    }

    Instant timestamp() {
        return task.timestamp();
    }

    /** The API answered only after the task was due, so its lateness includes the bench's own delay. */
    boolean answeredAfterDue() {
        return answeredAt.isAfter(timestamp());
    }
}
