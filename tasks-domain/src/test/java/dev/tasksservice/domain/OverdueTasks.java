package dev.tasksservice.domain;

import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TenantId;
import java.time.Instant;
import java.util.UUID;

/** Tasks for the recovery sweep's tests: due at a given instant, created long before, picked up 2 minutes early. */
final class OverdueTasks {

    private OverdueTasks() {}

    /** A waiting task due at {@code timestamp}, not stored. */
    static Task waiting(Instant timestamp) {
        return Task.scheduled(
                UUID.randomUUID(),
                TenantId.DEFAULT,
                timestamp,
                timestamp.getEpochSecond() - 120,
                timestamp.minusSeconds(600),
                null,
                null);
    }

    /** A task due at {@code timestamp}, stored IN_PROGRESS with {@code attempts} attempts claimed. */
    static Task inProgress(InMemoryTaskStore store, Instant timestamp, int attempts) {
        Task task = waiting(timestamp);
        store.create(task);
        store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, timestamp));
        for (int attempt = 1; attempt <= attempts; attempt++) {
            store.claimAttempt(task.id(), attempt, 0, timestamp);
        }
        return store.find(task.id()).orElseThrow();
    }
}
