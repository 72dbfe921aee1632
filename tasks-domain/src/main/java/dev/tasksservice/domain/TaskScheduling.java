package dev.tasksservice.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/** The use cases that change tasks on a client's request: schedule one, cancel one. */
public class TaskScheduling {

    private final TaskStore store;
    private final SchedulingPolicy policy;
    private final Clock clock;

    public TaskScheduling(TaskStore store, SchedulingPolicy policy, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Schedules a task. Under an idempotency key, a repeat of the first request returns the task it created and
     * creates nothing, even after that task's time has passed.
     *
     * @throws InvalidTaskException when the request breaks a scheduling rule
     * @throws IdempotencyKeyReusedException when the key was used before with a different request
     */
    public ScheduleResult schedule(ScheduleTask command) {
        Optional<IdempotencyKey> idempotency = command.idempotency();
        if (idempotency.isPresent()) {
            Optional<ScheduleResult> replay = replay(idempotency.get());
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        Instant now = clock.instant();
        Instant timestamp = policy.timestampFor(command.due(), now);
        Instant recordedAt = now.truncatedTo(ChronoUnit.MILLIS);
        UUID id = idempotency.map(IdempotencyKey::taskId).orElseGet(UUID::randomUUID);
        String fingerprint = idempotency.map(IdempotencyKey::requestFingerprint).orElse(null);
        Task task = Task.scheduled(
                id, timestamp, policy.startExecutionAt(timestamp), recordedAt, command.payload(), fingerprint);
        try {
            store.create(task);
            return new ScheduleResult(task, true);
        } catch (TaskAlreadyExistsException e) {
            // Two retries under one key raced; the one that lost answers with the winner's task.
            return idempotency.flatMap(this::replay).orElseThrow(() -> e);
        }
    }

    /**
     * Cancels a task that has not started.
     *
     * @throws TaskNotFoundException when there is no such task
     * @throws TaskStatusConflictException when the task is no longer SCHEDULED
     */
    public Task cancel(UUID id) {
        Task task = store.find(id).orElseThrow(() -> new TaskNotFoundException(id));
        if (task.status() != TaskStatus.SCHEDULED) {
            throw new TaskStatusConflictException(
                    new StatusChange(id, TaskStatus.SCHEDULED, TaskStatus.CANCELLED, clock.instant()), task);
        }
        return store.move(new StatusChange(
                id, TaskStatus.SCHEDULED, TaskStatus.CANCELLED, clock.instant().truncatedTo(ChronoUnit.MILLIS)));
    }

    private Optional<ScheduleResult> replay(IdempotencyKey key) {
        return store.find(key.taskId()).map(existing -> {
            if (!key.requestFingerprint().equals(existing.requestFingerprint())) {
                throw new IdempotencyKeyReusedException();
            }
            return new ScheduleResult(existing, false);
        });
    }
}
