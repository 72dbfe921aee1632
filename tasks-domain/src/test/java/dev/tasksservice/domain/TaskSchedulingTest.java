package dev.tasksservice.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasksservice.domain.model.DueTime;
import dev.tasksservice.domain.model.IdempotencyKey;
import dev.tasksservice.domain.model.IdempotencyKeyReusedException;
import dev.tasksservice.domain.model.InvalidTaskException;
import dev.tasksservice.domain.model.Payload;
import dev.tasksservice.domain.model.SchedulingPolicy;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskNotFoundException;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TaskStatusConflictException;
import dev.tasksservice.domain.schedule.ScheduleResult;
import dev.tasksservice.domain.schedule.ScheduleTask;
import dev.tasksservice.domain.schedule.TaskScheduling;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskSchedulingTest {

    private final MutableClock clock = MutableClock.at("2030-01-01T10:00:00.250Z");
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final RecordingQueue queue = new RecordingQueue();
    private final RecordingWorkflow workflow = new RecordingWorkflow();
    private final TaskScheduling scheduling =
            new TaskScheduling(store, SchedulingPolicy.defaults(), clock, queue, workflow);

    @Test
    void anAbsoluteTimeIsScheduledAndStoredWithItsPickUpSecond() {
        Instant at = Instant.parse("2030-01-01T10:05:00.500Z");

        ScheduleResult result = scheduling.schedule(new ScheduleTask(DueTime.at(at), "{\"a\":1}", null));

        Task task = result.task();
        assertThat(result.created()).isTrue();
        assertThat(task.status()).isEqualTo(TaskStatus.SCHEDULED);
        assertThat(task.timestamp()).isEqualTo(at);
        assertThat(task.startExecutionAt())
                .isEqualTo(Instant.parse("2030-01-01T10:03:00Z").getEpochSecond());
        assertThat(task.createdAt()).isEqualTo(clock.instant());
        assertThat(task.lastUpdatedAt()).isEqualTo(clock.instant());
        assertThat(task.payloadJson()).contains("{\"a\":1}");
        assertThat(store.find(task.id())).contains(task);
    }

    @Test
    void aRelativeTimeCountsFromNow() {
        Task task = scheduling
                .schedule(new ScheduleTask(DueTime.after(Duration.ofSeconds(65)), null, null))
                .task();

        assertThat(task.timestamp()).isEqualTo(Instant.parse("2030-01-01T10:01:05.250Z"));
        assertThat(task.timeLeft(clock.instant())).isEqualTo(Duration.ofSeconds(65));
    }

    @Test
    void aTimeFinerThanAMillisecondIsRoundedUpSoTheTaskCannotRunEarly() {
        Instant at = Instant.parse("2030-01-01T10:05:00.500000001Z");

        Task task = scheduling
                .schedule(new ScheduleTask(DueTime.at(at), null, null))
                .task();

        assertThat(task.timestamp()).isEqualTo(Instant.parse("2030-01-01T10:05:00.501Z"));
    }

    @Test
    void aTimeNotInTheFutureIsRefusedNamingTheField() {
        assertThatThrownBy(() -> scheduling.schedule(new ScheduleTask(DueTime.at(clock.instant()), null, null)))
                .isInstanceOfSatisfying(InvalidTaskException.class, e -> {
                    assertThat(e.field()).isEqualTo("timestamp");
                    assertThat(e.getMessage()).isEqualTo("must be in the future");
                });
        assertThat(store.findDue(Instant.MAX.minusSeconds(1_000_000_000L), 100, null)
                        .items())
                .isEmpty();
    }

    @Test
    void aTimeBeyondTheHorizonIsRefused() {
        DueTime tooFar = DueTime.after(Duration.ofDays(365).plusSeconds(1));

        assertThatThrownBy(() -> scheduling.schedule(new ScheduleTask(tooFar, null, null)))
                .isInstanceOfSatisfying(
                        InvalidTaskException.class, e -> assertThat(e.field()).isEqualTo("hours/minutes/seconds"));
    }

    @Test
    void exactlyTheHorizonIsAccepted() {
        Task task = scheduling
                .schedule(new ScheduleTask(DueTime.after(Duration.ofDays(365)), null, null))
                .task();

        assertThat(task.timestamp()).isEqualTo(clock.instant().plus(Duration.ofDays(365)));
    }

    @Test
    void aPayloadOverTheLimitIsRefused() {
        String big = "{\"x\":\"" + "y".repeat(Payload.MAX_BYTES) + "\"}";

        assertThatThrownBy(() -> new ScheduleTask(DueTime.after(Duration.ofSeconds(5)), big, null))
                .isInstanceOfSatisfying(
                        InvalidTaskException.class, e -> assertThat(e.field()).isEqualTo("payload"));
    }

    @Test
    void aRetryUnderTheSameKeyReturnsTheSameTaskAndCreatesNothing() {
        IdempotencyKey key = new IdempotencyKey("order-42", "body-a");
        ScheduleTask command = new ScheduleTask(DueTime.after(Duration.ofSeconds(30)), null, key);
        Task first = scheduling.schedule(command).task();

        clock.advance(Duration.ofMinutes(5));
        ScheduleResult retry = scheduling.schedule(command);

        assertThat(retry.created()).isFalse();
        assertThat(retry.task()).isEqualTo(first);
        assertThat(store.listByStatus(TaskStatus.SCHEDULED, 10, null).items()).containsExactly(first);
    }

    @Test
    void theSameKeyWithADifferentRequestIsRefused() {
        scheduling.schedule(
                new ScheduleTask(DueTime.after(Duration.ofSeconds(30)), null, new IdempotencyKey("k", "body-a")));

        ScheduleTask other =
                new ScheduleTask(DueTime.after(Duration.ofSeconds(30)), null, new IdempotencyKey("k", "body-b"));

        assertThatThrownBy(() -> scheduling.schedule(other)).isInstanceOf(IdempotencyKeyReusedException.class);
    }

    @Test
    void aBlankKeyIsRefused() {
        assertThatThrownBy(() -> new IdempotencyKey(" ", "f"))
                .isInstanceOfSatisfying(
                        InvalidTaskException.class, e -> assertThat(e.field()).isEqualTo("Idempotency-Key"));
    }

    @Test
    void aScheduledTaskIsCancelledOnceAndOnlyOnce() {
        Task task = scheduling
                .schedule(new ScheduleTask(DueTime.after(Duration.ofSeconds(30)), null, null))
                .task();
        clock.advance(Duration.ofSeconds(1));

        Task cancelled = scheduling.cancel(task.id());

        assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(cancelled.lastUpdatedAt()).isEqualTo(clock.instant());
        assertThatThrownBy(() -> scheduling.cancel(task.id()))
                .isInstanceOfSatisfying(
                        TaskStatusConflictException.class,
                        e -> assertThat(e.current().status()).isEqualTo(TaskStatus.CANCELLED));
    }

    @Test
    void aTaskDueWithinTheLookaheadIsDispatchedAtOnce() {
        Task soon = scheduling
                .schedule(new ScheduleTask(DueTime.after(Duration.ofSeconds(5)), null, null))
                .task();
        Task later = scheduling
                .schedule(new ScheduleTask(DueTime.after(Duration.ofMinutes(10)), null, null))
                .task();

        assertThat(queue.sent()).containsExactly(soon.id()).doesNotContain(later.id());
    }

    @Test
    void aTaskTheQueueRefusesIsStillScheduledForThePoller() {
        IdempotencyKey key = new IdempotencyKey("k", "f");
        queue.refuse(java.util.Set.of(key.taskId()));

        ScheduleResult result = scheduling.schedule(new ScheduleTask(DueTime.after(Duration.ofSeconds(5)), null, key));

        assertThat(result.created()).isTrue();
        assertThat(store.findDue(clock.instant(), 100, null).items())
                .extracting(Task::id)
                .containsExactly(key.taskId());
    }

    @Test
    void aTaskInProgressThatHasNotRunIsCancelledAndItsWorkflowStopped() {
        Task task = scheduling
                .schedule(new ScheduleTask(DueTime.after(Duration.ofSeconds(30)), null, null))
                .task();
        store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, clock.instant()));

        Task cancelled = scheduling.cancel(task.id());

        assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(workflow.stopped()).containsExactly(task.id());
    }

    @Test
    void aTaskWhoseRunHasBegunCannotBeCancelled() {
        Task task = scheduling
                .schedule(new ScheduleTask(DueTime.after(Duration.ofSeconds(30)), null, null))
                .task();
        store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, clock.instant()));
        store.claimAttempt(task.id(), 1, clock.instant());

        assertThatThrownBy(() -> scheduling.cancel(task.id()))
                .isInstanceOf(TaskStatusConflictException.class)
                .hasMessageContaining("has begun to run");
        assertThat(workflow.stopped()).isEmpty();
    }

    @Test
    void cancellingAnUnknownTaskIsNotFound() {
        assertThatThrownBy(() -> scheduling.cancel(UUID.randomUUID())).isInstanceOf(TaskNotFoundException.class);
    }
}
