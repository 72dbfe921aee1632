package dev.tasksservice.api.config;

import dev.tasksservice.domain.model.Reschedule;
import dev.tasksservice.domain.model.RetryLimits;
import dev.tasksservice.domain.model.SchedulingPolicy;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.port.out.ChangeTaskStatus;
import dev.tasksservice.domain.port.out.DispatchQueue;
import dev.tasksservice.domain.port.out.LoadTask;
import dev.tasksservice.domain.port.out.RescheduleWaitingTask;
import dev.tasksservice.domain.port.out.SaveNewTask;
import dev.tasksservice.domain.port.out.TaskStore;
import dev.tasksservice.domain.port.out.TaskWorkflow;
import dev.tasksservice.domain.schedule.RescheduleTask;
import dev.tasksservice.domain.schedule.TargetCheck;
import dev.tasksservice.domain.schedule.TaskScheduling;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A client's change of a waiting task ({@code PATCH}), made, when the client names the version it read
 * ({@code If-Match}), only to the task at that version. The use case reads the task once and writes the change on
 * the condition that the task is still at the version it read; here that read refuses a task at another version, so
 * the store's condition becomes the client's: of two changes sent with the same version, exactly one wins.
 */
public class VersionedRescheduling {

    private final TaskStore store;
    private final SchedulingPolicy policy;
    private final RetryLimits retryLimits;
    private final TargetCheck targetCheck;
    private final Clock clock;
    private final DispatchQueue fastPath;
    private final TaskWorkflow workflow;

    public VersionedRescheduling(
            TaskStore store,
            SchedulingPolicy policy,
            RetryLimits retryLimits,
            TargetCheck targetCheck,
            Clock clock,
            DispatchQueue fastPath,
            TaskWorkflow workflow) {
        this.store = store;
        this.policy = policy;
        this.retryLimits = retryLimits;
        this.targetCheck = targetCheck;
        this.clock = clock;
        this.fastPath = fastPath;
        this.workflow = workflow;
    }

    /**
     * Changes the task as {@link TaskScheduling#reschedule(RescheduleTask)} does.
     *
     * @param expectedVersion the version the client read, or empty to change the task at whatever version it is
     * @throws TaskVersionMismatchException when the task is not at {@code expectedVersion}
     */
    public Task reschedule(RescheduleTask command, OptionalLong expectedVersion) {
        StoreForChange view = new StoreForChange(store, command, expectedVersion);
        return new TaskScheduling(view, policy, retryLimits, targetCheck, clock, fastPath, workflow)
                .reschedule(command);
    }

    /**
     * The store as one change sees it: the task it changes is found only at the expected version, and the change is
     * written with the removals the client asked for.
     */
    private record StoreForChange(TaskStore store, RescheduleTask command, OptionalLong expectedVersion)
            implements SaveNewTask, LoadTask, ChangeTaskStatus, RescheduleWaitingTask {

        @Override
        public Optional<Task> find(UUID id) {
            Optional<Task> found = store.find(id);
            if (id.equals(command.taskId()) && expectedVersion.isPresent()) {
                found.filter(task -> task.version() != expectedVersion.getAsLong())
                        .ifPresent(task -> {
                            throw new TaskVersionMismatchException(expectedVersion.getAsLong(), task);
                        });
            }
            return found;
        }

        @Override
        public void create(Task task) {
            store.create(task);
        }

        @Override
        public Task move(StatusChange change) {
            return store.move(change);
        }

        /**
         * TaskScheduling takes a change to null (no payload, the default target) for no change, since
         * {@code Optional.map} drops a null value; the removals asked for are made here. Once the use case keeps them,
         * this changes nothing.
         */
        @Override
        public Task reschedule(Reschedule change) {
            boolean removesPayload = removes(command.payload());
            boolean removesTarget = removes(command.target());
            if (!removesPayload && !removesTarget) {
                return store.reschedule(change);
            }
            return store.reschedule(new Reschedule(
                    change.taskId(),
                    change.expectedVersion(),
                    change.timestamp(),
                    change.startExecutionAt(),
                    removesPayload ? null : change.payload(),
                    removesTarget ? null : change.target(),
                    change.retry(),
                    change.at()));
        }

        private static boolean removes(Optional<? extends RescheduleTask.Change<?>> part) {
            return part.isPresent() && part.get().value() == null;
        }
    }
}
