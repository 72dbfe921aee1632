package dev.tasksservice.domain.port.out;

import dev.tasksservice.domain.model.InvalidCursorException;
import dev.tasksservice.domain.model.TaskPage;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TenantId;

/** Pages through one tenant's tasks in one status: what clients list. */
public interface ListTasksByStatus {

    /**
     * One page of {@code tenant}'s tasks in {@code status}, ordered by startExecutionAt. A page may hold fewer than
     * {@code limit} tasks while a cursor says more may follow; following the cursors never skips nor repeats a task.
     *
     * @param cursor null for the first page, else the {@link TaskPage#nextCursor()} of the page before
     * @throws InvalidCursorException when the cursor was not made by this store
     */
    TaskPage listByStatus(TenantId tenant, TaskStatus status, int limit, String cursor);
}
