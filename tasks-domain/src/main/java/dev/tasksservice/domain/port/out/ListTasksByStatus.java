package dev.tasksservice.domain.port.out;

import dev.tasksservice.domain.model.InvalidCursorException;
import dev.tasksservice.domain.model.TaskPage;
import dev.tasksservice.domain.model.TaskStatus;

/** Pages through the tasks in one status: what clients list. */
public interface ListTasksByStatus {

    /**
     * One page of the tasks in {@code status}, ordered by startExecutionAt.
     *
     * @param cursor null for the first page, else the {@link TaskPage#nextCursor()} of the page before
     * @throws InvalidCursorException when the cursor was not made by this store
     */
    TaskPage listByStatus(TaskStatus status, int limit, String cursor);
}
