package dev.tasksservice.domain.read;

import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskNotFoundException;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.port.out.LoadTask;
import java.util.UUID;

/** A client reads one task. */
public class FindTask {

    private final LoadTask tasks;

    public FindTask(LoadTask tasks) {
        this.tasks = tasks;
    }

    /**
     * @throws TaskNotFoundException when {@code tenant} has no such task (another tenant's task is not its own)
     */
    public Task find(TenantId tenant, UUID id) {
        return tasks.find(tenant, id).orElseThrow(() -> new TaskNotFoundException(id));
    }
}
