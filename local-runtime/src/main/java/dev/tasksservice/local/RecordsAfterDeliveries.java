package dev.tasksservice.local;

import dev.tasksservice.domain.model.AttemptRecord;
import dev.tasksservice.domain.model.Reschedule;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskPage;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.port.out.TaskStore;
import dev.tasksservice.local.usage.WaitedTime;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The task store, whose recording of an attempt waits for the deliveries under way ({@link DeliveriesFirst}). */
final class RecordsAfterDeliveries implements TaskStore {

    private final TaskStore store;
    private final DeliveriesFirst deliveries;

    RecordsAfterDeliveries(TaskStore store, DeliveriesFirst deliveries) {
        this.store = store;
        this.deliveries = deliveries;
    }

    @Override
    public Task record(AttemptRecord record) {
        try {
            // Not a deployed function's work: on Lambda there is nothing to wait for.
            WaitedTime.during(deliveries::awaitQuiet);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return store.record(record);
    }

    @Override
    public void create(Task task) {
        store.create(task);
    }

    @Override
    public Optional<Task> find(UUID id) {
        return store.find(id);
    }

    @Override
    public Task move(StatusChange change) {
        return store.move(change);
    }

    @Override
    public Task claimAttempt(UUID id, int attempt, long version, Instant at) {
        return store.claimAttempt(id, attempt, version, at);
    }

    @Override
    public Task reschedule(Reschedule change) {
        return store.reschedule(change);
    }

    @Override
    public TaskPage findDue(TaskStatus status, Instant instant, int limit, String cursor) {
        return store.findDue(status, instant, limit, cursor);
    }

    @Override
    public TaskPage listByStatus(TenantId tenant, TaskStatus status, int limit, String cursor) {
        return store.listByStatus(tenant, status, limit, cursor);
    }
}
