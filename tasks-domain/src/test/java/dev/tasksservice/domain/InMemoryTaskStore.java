package dev.tasksservice.domain;

import dev.tasksservice.domain.model.AttemptRecord;
import dev.tasksservice.domain.model.InvalidCursorException;
import dev.tasksservice.domain.model.Reschedule;
import dev.tasksservice.domain.model.Retention;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskAlreadyExistsException;
import dev.tasksservice.domain.model.TaskNotFoundException;
import dev.tasksservice.domain.model.TaskPage;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TaskStatusConflictException;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.port.out.RemoveExpiredTasks;
import dev.tasksservice.domain.port.out.TaskStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A task store in a map, with the same conditional behaviour as the durable one, and the same expiry of finished
 * tasks ({@link Retention}). For tests.
 */
public final class InMemoryTaskStore implements TaskStore, RemoveExpiredTasks {

    private static final Comparator<Task> INDEX_ORDER = Comparator.comparingLong(Task::startExecutionAt)
            .thenComparing(task -> task.id().toString());

    private final Map<UUID, Task> tasks = new ConcurrentHashMap<>();
    /** The epoch second each finished task expires at, as the durable store keeps it beside the task. */
    private final Map<UUID, Long> expiries = new ConcurrentHashMap<>();

    private final AtomicInteger findDueCalls = new AtomicInteger();
    private final Retention retention;

    /** A store that keeps finished tasks for {@link Retention#DEFAULT}. */
    public InMemoryTaskStore() {
        this(Retention.DEFAULT);
    }

    public InMemoryTaskStore(Retention retention) {
        this.retention = retention;
    }

    @Override
    public void create(Task task) {
        if (tasks.putIfAbsent(task.id(), task) != null) {
            throw new TaskAlreadyExistsException(task.id());
        }
        expireIfFinal(task);
    }

    /** Sets or clears the expiry of {@code task} as it now is; called while its map entry is being changed. */
    private void expireIfFinal(Task task) {
        Long expiresAt = retention.expiresAt(task.status(), task.lastUpdatedAt());
        if (expiresAt == null) {
            expiries.remove(task.id());
        } else {
            expiries.put(task.id(), expiresAt);
        }
    }

    @Override
    public int removeExpired(Instant now, int budget) {
        int removed = 0;
        for (UUID id : expiries.keySet().stream().limit(budget).toList()) {
            Long expiresAt = expiries.get(id);
            if (expiresAt != null && Retention.expired(expiresAt, now) && expiries.remove(id, expiresAt)) {
                tasks.remove(id);
                removed++;
            }
        }
        return removed;
    }

    @Override
    public Optional<Task> find(UUID id) {
        return Optional.ofNullable(tasks.get(id));
    }

    @Override
    public Task move(StatusChange change) {
        Task[] conflict = new Task[1];
        Task moved = tasks.computeIfPresent(change.taskId(), (id, current) -> {
            if (!change.appliesTo(current)) {
                conflict[0] = current;
                return current;
            }
            Task after = current.after(change);
            expireIfFinal(after);
            return after;
        });
        if (moved == null) {
            throw new TaskNotFoundException(change.taskId());
        }
        if (conflict[0] != null) {
            throw new TaskStatusConflictException(change, conflict[0]);
        }
        return moved;
    }

    @Override
    public Task claimAttempt(UUID id, int attempt, long version, Instant at) {
        Task[] conflict = new Task[1];
        Task claimed = tasks.computeIfPresent(id, (key, current) -> {
            if (current.status() != TaskStatus.IN_PROGRESS
                    || current.attempts() >= attempt
                    || current.version() != version) {
                conflict[0] = current;
                return current;
            }
            return current.withAttempt(attempt, at);
        });
        if (claimed == null) {
            throw new TaskNotFoundException(id);
        }
        if (conflict[0] != null) {
            throw new TaskStatusConflictException("Attempt " + attempt + " cannot be claimed", conflict[0]);
        }
        return claimed;
    }

    @Override
    public Task record(AttemptRecord record) {
        Task[] conflict = new Task[1];
        Task recorded = tasks.computeIfPresent(record.taskId(), (key, current) -> {
            if (!record.appliesTo(current)) {
                conflict[0] = current;
                return current;
            }
            Task after = current.after(record);
            expireIfFinal(after);
            return after;
        });
        if (recorded == null) {
            throw new TaskNotFoundException(record.taskId());
        }
        if (conflict[0] != null) {
            throw new TaskStatusConflictException(
                    "Attempt " + record.attempt() + " is no longer the task's to record", conflict[0]);
        }
        return recorded;
    }

    @Override
    public Task reschedule(Reschedule change) {
        Task[] conflict = new Task[1];
        Task changed = tasks.computeIfPresent(change.taskId(), (key, current) -> {
            if (!change.appliesTo(current)) {
                conflict[0] = current;
                return current;
            }
            Task after = current.after(change);
            expireIfFinal(after);
            return after;
        });
        if (changed == null) {
            throw new TaskNotFoundException(change.taskId());
        }
        if (conflict[0] != null) {
            throw new TaskStatusConflictException(
                    "Task " + change.taskId() + " was changed meanwhile, or has begun to run", conflict[0]);
        }
        return changed;
    }

    @Override
    public TaskPage findDue(TaskStatus status, Instant instant, int limit, String cursor) {
        long pickUpBy = instant.getEpochSecond();
        TaskPage page = page(status, task -> task.startExecutionAt() <= pickUpBy, limit, cursor);
        findDueCalls.incrementAndGet();
        return page;
    }

    /** How often {@link #findDue} was called: how many pages were read. */
    public int findDueCalls() {
        return findDueCalls.get();
    }

    @Override
    public TaskPage listByStatus(TenantId tenant, TaskStatus status, int limit, String cursor) {
        return page(status, task -> task.tenant().equals(tenant), limit, cursor);
    }

    private TaskPage page(TaskStatus status, Predicate<Task> which, int limit, String cursor) {
        Task after = cursor == null ? null : decode(cursor);
        List<Task> matching = tasks.values().stream()
                .filter(task -> task.status() == status)
                .filter(which)
                .sorted(INDEX_ORDER)
                .filter(task -> after == null || INDEX_ORDER.compare(task, after) > 0)
                .toList();
        List<Task> page = matching.stream().limit(limit).toList();
        String next = matching.size() > limit ? encode(page.get(page.size() - 1)) : null;
        return new TaskPage(page, next);
    }

    private static String encode(Task last) {
        String position = last.startExecutionAt() + "/" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private Task decode(String cursor) {
        try {
            String[] position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("/");
            UUID id = UUID.fromString(position[1]);
            long startExecutionAt = Long.parseLong(position[0]);
            Instant any = Instant.EPOCH;
            return new Task(
                    id,
                    TenantId.DEFAULT,
                    any,
                    startExecutionAt,
                    TaskStatus.SCHEDULED,
                    any,
                    any,
                    null,
                    null,
                    null,
                    0,
                    null,
                    null,
                    null,
                    null,
                    null,
                    0);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new InvalidCursorException();
        }
    }
}
