package dev.tasksservice.domain.schedule;

import dev.tasksservice.domain.model.IdempotencyKey;
import dev.tasksservice.domain.model.IdempotencyKeyReusedException;
import dev.tasksservice.domain.model.InvalidTaskException;
import dev.tasksservice.domain.model.Reschedule;
import dev.tasksservice.domain.model.RetryLimits;
import dev.tasksservice.domain.model.RetryPolicy;
import dev.tasksservice.domain.model.SchedulingPolicy;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Target;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskAlreadyExistsException;
import dev.tasksservice.domain.model.TaskNotFoundException;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TaskStatusConflictException;
import dev.tasksservice.domain.model.TaskVersionMismatchException;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.model.Timestamps;
import dev.tasksservice.domain.port.out.ChangeTaskStatus;
import dev.tasksservice.domain.port.out.DispatchQueue;
import dev.tasksservice.domain.port.out.LoadTask;
import dev.tasksservice.domain.port.out.RescheduleWaitingTask;
import dev.tasksservice.domain.port.out.SaveNewTask;
import dev.tasksservice.domain.port.out.TaskMetrics;
import dev.tasksservice.domain.port.out.TaskWorkflow;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The use cases that change tasks on a client's request: schedule one, change one that waits, cancel one. */
public class TaskScheduling {

    private static final System.Logger LOG = System.getLogger(TaskScheduling.class.getName());

    private final SaveNewTask newTasks;
    private final LoadTask tasks;
    private final ChangeTaskStatus statuses;
    private final RescheduleWaitingTask changes;
    private final SchedulingPolicy policy;
    private final RetryLimits retryLimits;
    private final TargetCheck targetCheck;
    private final Clock clock;
    private final DispatchQueue fastPath;
    private final TaskWorkflow workflow;
    private final TaskMetrics metrics;

    /**
     * @param store stores new tasks, reads them, moves their status and changes those that wait
     * @param retryLimits the default retry policy and the ceilings a task's own must stay within
     * @param targetCheck refuses targets the deployment does not allow
     * @param fastPath where a task already due for pick-up is sent at once, rather than at the next poll
     * @param workflow stopped when a task in progress is cancelled or changed
     */
    public <S extends SaveNewTask & LoadTask & ChangeTaskStatus & RescheduleWaitingTask> TaskScheduling(
            S store,
            SchedulingPolicy policy,
            RetryLimits retryLimits,
            TargetCheck targetCheck,
            Clock clock,
            DispatchQueue fastPath,
            TaskWorkflow workflow) {
        this(store, policy, retryLimits, targetCheck, clock, fastPath, workflow, TaskMetrics.NONE);
    }

    /** @param metrics told of each task created, dispatched at once, cancelled or changed */
    public <S extends SaveNewTask & LoadTask & ChangeTaskStatus & RescheduleWaitingTask> TaskScheduling(
            S store,
            SchedulingPolicy policy,
            RetryLimits retryLimits,
            TargetCheck targetCheck,
            Clock clock,
            DispatchQueue fastPath,
            TaskWorkflow workflow,
            TaskMetrics metrics) {
        this.newTasks = store;
        this.tasks = store;
        this.statuses = store;
        this.changes = store;
        this.policy = policy;
        this.retryLimits = retryLimits;
        this.targetCheck = targetCheck;
        this.clock = clock;
        this.fastPath = fastPath;
        this.workflow = workflow;
        this.metrics = metrics;
    }

    /**
     * Schedules a task for the command's tenant. Under an idempotency key, a repeat of the first request by the same
     * tenant returns the task it created and creates nothing, even after that task's time has passed; the same key
     * under another tenant is another key.
     *
     * @throws InvalidTaskException when the request breaks a scheduling rule
     * @throws IdempotencyKeyReusedException when the key was used before with a different request
     */
    public ScheduleResult schedule(ScheduleTask command) {
        Optional<IdempotencyKey> idempotency = command.idempotency();
        if (idempotency.isPresent()) {
            Optional<ScheduleResult> replay = replay(command.tenant(), idempotency.get());
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        Instant now = clock.instant();
        Instant timestamp = policy.timestampFor(command.due(), now);
        RetryPolicy retry = resolve(command.retry());
        if (command.target() != null) {
            targetCheck.check(command.target());
        }
        UUID id = idempotency.map(key -> key.taskId(command.tenant())).orElseGet(UUID::randomUUID);
        String fingerprint = idempotency.map(IdempotencyKey::requestFingerprint).orElse(null);
        Task task = Task.scheduled(
                id,
                command.tenant(),
                timestamp,
                policy.startExecutionAt(timestamp),
                Timestamps.now(clock),
                command.payload(),
                fingerprint,
                command.target(),
                retry);
        try {
            newTasks.create(task);
        } catch (TaskAlreadyExistsException e) {
            // Two retries under one key raced; the one that lost answers with the winner's task.
            return idempotency.flatMap(key -> replay(command.tenant(), key)).orElseThrow(() -> e);
        }
        metrics.created();
        if (task.startExecutionAt() <= now.getEpochSecond()) {
            dispatchNow(task);
        }
        return new ScheduleResult(task, true);
    }

    private void dispatchNow(Task task) {
        try {
            if (!fastPath.send(List.of(task)).isEmpty()) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Task {0} waits for the next poll: the queue refused it",
                        task.id());
            } else {
                metrics.dispatched(1);
            }
        } catch (RuntimeException e) {
            // The task is stored as SCHEDULED; the next poll dispatches it.
            LOG.log(System.Logger.Level.WARNING, "Task " + task.id() + " waits for the next poll", e);
        }
    }

    /**
     * Changes a task that has not begun to run: SCHEDULED, or IN_PROGRESS with no attempt claimed yet. The task waits
     * again as SCHEDULED, one version on; a workflow already waiting for it is stopped, and one started before the
     * change would not run it anyway (it is for the old version). A request that changes nothing returns the task.
     *
     * @throws InvalidTaskException when the change breaks a scheduling rule
     * @throws TaskNotFoundException when the command's tenant has no such task
     * @throws TaskStatusConflictException when the task has begun to run or is final, or another change won
     * @throws TaskVersionMismatchException when the command expects another version than the task is at
     */
    public Task reschedule(RescheduleTask command) {
        Task task = tasks.find(command.tenant(), command.taskId())
                .orElseThrow(() -> new TaskNotFoundException(command.taskId()));
        Instant now = clock.instant();
        Instant timestamp = command.due() == null ? task.timestamp() : policy.timestampFor(command.due(), now);
        RetryPolicy retry = command.retry() == null ? task.retry() : resolve(command.retry());
        if (command.expectedVersion() != null && command.expectedVersion() != task.version()) {
            throw new TaskVersionMismatchException(command.expectedVersion(), task);
        }
        Target target = RescheduleTask.Change.applied(command.target(), task.target());
        if (command.target().isPresent() && target != null) {
            targetCheck.check(target);
        }
        if (!task.waiting()) {
            throw new TaskStatusConflictException(
                    "Task " + task.id() + " is " + task.status()
                            + (task.status() == TaskStatus.IN_PROGRESS ? " and has begun to run" : "")
                            + ": it can no longer be changed",
                    task);
        }
        if (command.changesNothing()) {
            return task;
        }
        Reschedule change = new Reschedule(
                task.id(),
                task.version(),
                timestamp,
                policy.startExecutionAt(timestamp),
                RescheduleTask.Change.applied(command.payload(), task.payload()),
                target,
                retry,
                Timestamps.now(clock));
        Task changed = changes.reschedule(change);
        metrics.rescheduled();
        // Stopped after the write, whatever status was read: the consumer may have started the old version's
        // workflow since. One that wakes in between finds the new version and does not run it.
        workflow.stop(task);
        if (changed.startExecutionAt() <= now.getEpochSecond()) {
            dispatchNow(changed);
        }
        return changed;
    }

    private RetryPolicy resolve(RetryRequest retry) {
        return retryLimits.resolve(retry.maxAttempts(), retry.initialBackoffMs(), retry.maxBackoffMs());
    }

    /**
     * Cancels a task that has not begun to run: one SCHEDULED, or IN_PROGRESS with no attempt claimed yet, whose
     * workflow is then stopped.
     *
     * @throws TaskNotFoundException when {@code tenant} has no such task
     * @throws TaskStatusConflictException when the task is final or has begun to run
     */
    public Task cancel(TenantId tenant, UUID id) {
        Task task = tasks.find(tenant, id).orElseThrow(() -> new TaskNotFoundException(id));
        if (task.status() == TaskStatus.SCHEDULED) {
            try {
                Task cancelled = statuses.move(cancellation(task));
                metrics.cancelled();
                return cancelled;
            } catch (TaskStatusConflictException e) {
                // Picked up by the pipeline meanwhile: cancel it as a task in progress.
                task = e.current();
            }
        }
        Task cancelled = statuses.move(cancellation(task));
        metrics.cancelled();
        workflow.stop(cancelled);
        return cancelled;
    }

    private StatusChange cancellation(Task task) {
        if (!task.status().canMoveTo(TaskStatus.CANCELLED)) {
            throw new TaskStatusConflictException(
                    "Task " + task.id() + " is " + task.status() + " and can no longer be cancelled", task);
        }
        return new StatusChange(task.id(), task.status(), TaskStatus.CANCELLED, Timestamps.now(clock));
    }

    private Optional<ScheduleResult> replay(TenantId tenant, IdempotencyKey key) {
        return tasks.find(key.taskId(tenant)).map(existing -> {
            // The id is derived from the tenant, so only a collision of ids could find another tenant's task here;
            // that task is never handed out, and nothing is created over it.
            if (!existing.tenant().equals(tenant) || !key.requestFingerprint().equals(existing.requestFingerprint())) {
                throw new IdempotencyKeyReusedException();
            }
            return new ScheduleResult(existing, false);
        });
    }
}
