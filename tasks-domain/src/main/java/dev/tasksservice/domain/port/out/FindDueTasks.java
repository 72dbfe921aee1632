package dev.tasksservice.domain.port.out;

import dev.tasksservice.domain.model.InvalidCursorException;
import dev.tasksservice.domain.model.TaskPage;
import dev.tasksservice.domain.model.TaskStatus;
import java.time.Instant;

/** Pages through the tasks whose pick-up second has come: what the poller and the sweep read. */
public interface FindDueTasks {

    /**
     * One page of the tasks in {@code status} (SCHEDULED or IN_PROGRESS: finished tasks never become due) whose
     * startExecutionAt (their pick-up second) is at or before {@code instant}, in the order they become due. The cursor is the store's own position in that index, so a
     * walk by cursors moves on even though the tasks already returned are still in {@code status}, and a task that
     * leaves the status meanwhile does not shift the walk. A page may hold fewer than {@code limit} tasks, even none,
     * while a next cursor is given.
     *
     * @param cursor null for the first page, else the {@link TaskPage#nextCursor()} of the page before
     * @throws InvalidCursorException when the cursor was not made by this store for this status
     */
    TaskPage findDue(TaskStatus status, Instant instant, int limit, String cursor);

    /** One page of the SCHEDULED tasks due for pick-up at {@code instant}; see the general form above. */
    default TaskPage findDue(Instant instant, int limit, String cursor) {
        return findDue(TaskStatus.SCHEDULED, instant, limit, cursor);
    }
}
