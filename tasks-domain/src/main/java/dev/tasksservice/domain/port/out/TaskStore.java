package dev.tasksservice.domain.port.out;

import dev.tasksservice.domain.model.InvalidCursorException;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskAlreadyExistsException;
import dev.tasksservice.domain.model.TaskNotFoundException;
import dev.tasksservice.domain.model.TaskPage;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TaskStatusConflictException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Durable storage of tasks. Every change is conditional on the state it expects. */
public interface TaskStore {

    /**
     * Stores a new task.
     *
     * @throws TaskAlreadyExistsException when a task with the same id exists
     */
    void create(Task task);

    Optional<Task> find(UUID id);

    /**
     * Applies {@code change} if the task is still in {@code change.from()} and, when the change names its expected
     * attempts, the task's attempts still equal them; records the change's executedAt and error when given.
     *
     * @return the task after the change
     * @throws TaskNotFoundException when there is no such task
     * @throws TaskStatusConflictException when the task is no longer in {@code change.from()}, or is at another attempt
     */
    Task move(StatusChange change);

    /**
     * Claims attempt number {@code attempt} to run a task: succeeds only while the task is IN_PROGRESS and no attempt
     * with this number or a later one was claimed, so each attempt runs at most once and a cancelled task never runs.
     *
     * @return the task with its attempts set to {@code attempt}
     * @throws TaskNotFoundException when there is no such task
     * @throws TaskStatusConflictException when the task is not IN_PROGRESS or the attempt was already claimed
     */
    Task claimAttempt(UUID id, int attempt, Instant at);

    /**
     * One page of the tasks in {@code status} whose startExecutionAt (their pick-up second) is at or before
     * {@code instant}, in the order of the status index. The cursor is the store's own position in that index, so a
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

    /**
     * One page of the tasks in {@code status}, ordered by startExecutionAt.
     *
     * @param cursor null for the first page, else the {@link TaskPage#nextCursor()} of the page before
     * @throws InvalidCursorException when the cursor was not made by this store
     */
    TaskPage listByStatus(TaskStatus status, int limit, String cursor);
}
