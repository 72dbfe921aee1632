package dev.tasksservice.metrics;

import dev.tasksservice.domain.model.AttemptRecord;
import dev.tasksservice.domain.model.Reschedule;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskPage;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.port.out.TaskMetrics;
import dev.tasksservice.domain.port.out.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The task store, each call timed, failed ones too, and told to the metrics under the name of the method: one
 * decorator for every store adapter, put around the store where a runtime wires it.
 */
public final class TimedTaskStore implements TaskStore {

    private final TaskStore store;
    private final TaskMetrics metrics;

    public TimedTaskStore(TaskStore store, TaskMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public void create(Task task) {
        timed("create", () -> {
            store.create(task);
            return null;
        });
    }

    @Override
    public Optional<Task> find(UUID id) {
        return timed("find", () -> store.find(id));
    }

    @Override
    public Task move(StatusChange change) {
        return timed("move", () -> store.move(change));
    }

    @Override
    public Task claimAttempt(UUID id, int attempt, long version, Instant at) {
        return timed("claimAttempt", () -> store.claimAttempt(id, attempt, version, at));
    }

    @Override
    public Task record(AttemptRecord record) {
        return timed("record", () -> store.record(record));
    }

    @Override
    public Task reschedule(Reschedule change) {
        return timed("reschedule", () -> store.reschedule(change));
    }

    @Override
    public TaskPage findDue(TaskStatus status, Instant instant, int limit, String cursor) {
        return timed("findDue", () -> store.findDue(status, instant, limit, cursor));
    }

    @Override
    public TaskPage listByStatus(TenantId tenant, TaskStatus status, int limit, String cursor) {
        return timed("listByStatus", () -> store.listByStatus(tenant, status, limit, cursor));
    }

    private <T> T timed(String operation, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } finally {
            metrics.storeCalled(operation, Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
