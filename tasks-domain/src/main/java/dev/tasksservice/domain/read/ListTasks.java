package dev.tasksservice.domain.read;

import dev.tasksservice.domain.model.InvalidCursorException;
import dev.tasksservice.domain.model.TaskPage;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.port.out.ListTasksByStatus;

/** A client lists its tasks in one status, in the order they become due, a page at a time. */
public class ListTasks {

    private final ListTasksByStatus tasks;

    public ListTasks(ListTasksByStatus tasks) {
        this.tasks = tasks;
    }

    /**
     * @param cursor null for the first page, else the {@link TaskPage#nextCursor()} of the page before
     * @throws InvalidCursorException when the cursor is not one this service made
     */
    public TaskPage list(TenantId tenant, TaskStatus status, int limit, String cursor) {
        return tasks.listByStatus(tenant, status, limit, cursor);
    }
}
