package dev.tasksservice.domain;

import dev.tasksservice.domain.model.AttemptRecord;
import dev.tasksservice.domain.model.Reschedule;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskPage;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.port.out.TaskStore;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A store that passes every call on; tests override one method to stage a race. */
class DelegatingStore implements TaskStore {

    private final TaskStore delegate;

    DelegatingStore(TaskStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void create(Task task) {
        delegate.create(task);
    }

    @Override
    public Optional<Task> find(UUID id) {
        return delegate.find(id);
    }

    @Override
    public Task move(StatusChange change) {
        return delegate.move(change);
    }

    @Override
    public Task claimAttempt(UUID id, int attempt, long version, Instant at) {
        return delegate.claimAttempt(id, attempt, version, at);
    }

    @Override
    public Task record(AttemptRecord record) {
        return delegate.record(record);
    }

    @Override
    public Task reschedule(Reschedule change) {
        return delegate.reschedule(change);
    }

    @Override
    public TaskPage findDue(TaskStatus status, Instant instant, int limit, String cursor) {
        return delegate.findDue(status, instant, limit, cursor);
    }

    @Override
    public TaskPage listByStatus(TenantId tenant, TaskStatus status, int limit, String cursor) {
        return delegate.listByStatus(tenant, status, limit, cursor);
    }
}
