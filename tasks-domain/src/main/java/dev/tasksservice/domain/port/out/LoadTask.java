package dev.tasksservice.domain.port.out;

import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TenantId;
import java.util.Optional;
import java.util.UUID;

/** Reads one task by its id. */
public interface LoadTask {

    /** The task with {@code id}, whichever tenant it belongs to: for the pipeline, which serves every tenant. */
    Optional<Task> find(UUID id);

    /** The task with {@code id} if it belongs to {@code tenant}; another tenant's task is as absent as a missing one. */
    default Optional<Task> find(TenantId tenant, UUID id) {
        return find(id).filter(task -> task.tenant().equals(tenant));
    }
}
