package dev.tasksservice.domain;

import java.time.Instant;
import java.util.List;
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
     * Applies {@code change} if the task is still in {@code change.from()} (and, where the change requires it, no
     * attempt to run it has been claimed), recording the change's executedAt and error when given.
     *
     * @return the task after the change
     * @throws TaskNotFoundException when there is no such task
     * @throws TaskStatusConflictException when the task is no longer in {@code change.from()}
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

    /** Every SCHEDULED task whose startExecutionAt is at or before {@code instant}, across all pages. */
    List<Task> findDue(Instant instant);

    /**
     * One page of the tasks in {@code status}, ordered by startExecutionAt.
     *
     * @param cursor null for the first page, else the {@link TaskPage#nextCursor()} of the page before
     * @throws InvalidCursorException when the cursor was not made by this store
     */
    TaskPage listByStatus(TaskStatus status, int limit, String cursor);
}
