package dev.tasksservice.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasksservice.domain.InMemoryTaskStore;
import dev.tasksservice.domain.MutableClock;
import dev.tasksservice.domain.RecordingQueue;
import dev.tasksservice.domain.RecordingWorkflow;
import dev.tasksservice.domain.model.AttemptRecord;
import dev.tasksservice.domain.model.DueTime;
import dev.tasksservice.domain.model.HttpTarget;
import dev.tasksservice.domain.model.Reschedule;
import dev.tasksservice.domain.model.RetryLimits;
import dev.tasksservice.domain.model.RetryPolicy;
import dev.tasksservice.domain.model.SchedulingPolicy;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.TargetRules;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskPage;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TaskStatusConflictException;
import dev.tasksservice.domain.port.out.TaskStore;
import dev.tasksservice.domain.schedule.RescheduleTask;
import dev.tasksservice.domain.schedule.RescheduleTask.Change;
import dev.tasksservice.domain.schedule.TargetCheck;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A change at the version a client read: refused at another, and of two at the same version exactly one wins. */
class VersionedReschedulingTest {

    private final MutableClock clock = MutableClock.at("2030-01-01T10:00:00Z");
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final UUID id = UUID.randomUUID();

    @Test
    void aChangeAtTheTasksVersionIsMadeOneVersionOn() {
        Task task = scheduledTask();

        Task changed = rescheduling(store).reschedule(payload(id, "{\"a\":1}"), OptionalLong.of(task.version()));

        assertThat(changed.version()).isEqualTo(1);
        assertThat(store.find(id).orElseThrow().payload()).isEqualTo("{\"a\":1}");
    }

    @Test
    void aChangeToNullRemovesThePayloadAndTheTarget() {
        Instant at = clock.instant().plus(Duration.ofHours(1));
        store.create(Task.scheduled(
                id,
                at,
                at.getEpochSecond() - 120,
                clock.instant(),
                "{\"a\":1}",
                null,
                HttpTarget.post(URI.create("https://203.0.113.10/hook")),
                RetryPolicy.DEFAULT));

        Task changed = rescheduling(store)
                .reschedule(
                        new RescheduleTask(
                                id, null, Optional.of(new Change<>(null)), Optional.of(new Change<>(null)), null),
                        OptionalLong.of(0));

        assertThat(changed.payload()).isNull();
        assertThat(changed.target()).isNull();
        assertThat(store.find(id).orElseThrow().payload()).isNull();
        assertThat(store.find(id).orElseThrow().target()).isNull();
        assertThat(changed.version()).isEqualTo(1);
    }

    @Test
    void aChangeAtAnotherVersionIsRefusedAndChangesNothing() {
        scheduledTask();
        rescheduling(store).reschedule(payload(id, "{\"a\":1}"), OptionalLong.empty());

        assertThatThrownBy(() -> rescheduling(store).reschedule(payload(id, "{\"a\":2}"), OptionalLong.of(0)))
                .isInstanceOf(TaskVersionMismatchException.class)
                .hasMessageContaining("is at version 1, not 0");
        assertThat(store.find(id).orElseThrow().payload()).isEqualTo("{\"a\":1}");
        assertThat(store.find(id).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void ofTwoChangesAtTheSameVersionTheOneWrittenSecondLoses() {
        scheduledTask();
        // The other change lands between this change's read and its write.
        TaskStore racing = new WriteFirst(
                store, () -> rescheduling(store).reschedule(payload(id, "{\"winner\":true}"), OptionalLong.of(0)));

        assertThatThrownBy(() -> rescheduling(racing).reschedule(payload(id, "{\"loser\":true}"), OptionalLong.of(0)))
                .isInstanceOf(TaskStatusConflictException.class);
        assertThat(store.find(id).orElseThrow().payload()).isEqualTo("{\"winner\":true}");
        assertThat(store.find(id).orElseThrow().version()).isEqualTo(1);
    }

    private Task scheduledTask() {
        Instant at = clock.instant().plus(Duration.ofHours(1));
        Task task = Task.scheduled(id, at, at.getEpochSecond() - 120, clock.instant(), null, null);
        store.create(task);
        return task;
    }

    private static RescheduleTask payload(UUID id, String json) {
        return new RescheduleTask(id, (DueTime) null, Optional.of(new Change<>(json)), Optional.empty(), null);
    }

    private VersionedRescheduling rescheduling(TaskStore on) {
        return new VersionedRescheduling(
                on,
                new SchedulingPolicy(Duration.ofMinutes(2), Duration.ofDays(365)),
                RetryLimits.DEFAULT,
                new TargetCheck(TargetRules.STRICT, host -> {
                    throw new UnknownHostException(host);
                }),
                clock,
                new RecordingQueue(),
                new RecordingWorkflow());
    }

    /** A store that runs another change just before the first reschedule it is asked for. */
    private static final class WriteFirst implements TaskStore {

        private final TaskStore store;
        private Runnable other;

        WriteFirst(TaskStore store, Runnable other) {
            this.store = store;
            this.other = other;
        }

        @Override
        public Task reschedule(Reschedule change) {
            if (other != null) {
                Runnable now = other;
                other = null;
                now.run();
            }
            return store.reschedule(change);
        }

        @Override
        public void create(Task task) {
            store.create(task);
        }

        @Override
        public Optional<Task> find(UUID taskId) {
            return store.find(taskId);
        }

        @Override
        public Task move(StatusChange change) {
            return store.move(change);
        }

        @Override
        public Task claimAttempt(UUID taskId, int attempt, long version, Instant at) {
            return store.claimAttempt(taskId, attempt, version, at);
        }

        @Override
        public Task record(AttemptRecord record) {
            return store.record(record);
        }

        @Override
        public TaskPage findDue(TaskStatus status, Instant instant, int limit, String cursor) {
            return store.findDue(status, instant, limit, cursor);
        }

        @Override
        public TaskPage listByStatus(TaskStatus status, int limit, String cursor) {
            return store.listByStatus(status, limit, cursor);
        }
    }
}
