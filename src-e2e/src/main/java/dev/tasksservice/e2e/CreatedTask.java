package dev.tasksservice.e2e;

import java.time.Duration;
import java.time.Instant;

/** A task the bench created: its record as the API answered, how long the POST took and when it answered. */
record CreatedTask(TaskRecord record, Duration postLatency, Instant answeredAt) {

    String id() {
        return record.id();
    }

    Instant timestamp() {
        return record.timestamp();
    }

    /** The API answered only after the task was due, so its lateness includes the bench's own delay. */
    boolean answeredAfterDue() {
        return answeredAt.isAfter(timestamp());
    }
}
